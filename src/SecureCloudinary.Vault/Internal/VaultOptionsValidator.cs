using Microsoft.Extensions.Options;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Validates <see cref="VaultCredentialSourceOptions"/> of each account at start-up, but only when that account's
/// <c>Source</c> selects Vault: an app that registers <c>AddVault()</c> and uses another source does not fail.
/// </summary>
internal sealed class VaultOptionsValidator : IValidateOptions<VaultCredentialSourceOptions>
{
    private readonly IOptionsMonitor<SecureCloudinaryOptions> _core;
    private readonly IEnumerable<VaultSettingPrefix> _prefixes;

    public VaultOptionsValidator(IOptionsMonitor<SecureCloudinaryOptions> core, IEnumerable<VaultSettingPrefix> prefixes)
    {
        _core = core;
        _prefixes = prefixes;
    }

    public ValidateOptionsResult Validate(string? name, VaultCredentialSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SourceSelection.Selects(_core, name, VaultCredentialSource.SourceName))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = VaultOptionsRules.Check(options, VaultSettingPrefix.Of(_prefixes, name));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
