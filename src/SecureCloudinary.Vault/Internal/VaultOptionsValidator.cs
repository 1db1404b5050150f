using Microsoft.Extensions.Options;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Validates <see cref="VaultCredentialSourceOptions"/> at start-up, but only when <c>Cloudinary:Source</c>
/// selects Vault: an app that registers <c>AddVault()</c> and uses another source does not fail.
/// </summary>
internal sealed class VaultOptionsValidator : IValidateOptions<VaultCredentialSourceOptions>
{
    private readonly IOptions<SecureCloudinaryOptions> _core;
    private readonly VaultSettingPrefix _prefix;

    public VaultOptionsValidator(IOptions<SecureCloudinaryOptions> core, VaultSettingPrefix prefix)
    {
        _core = core;
        _prefix = prefix;
    }

    public ValidateOptionsResult Validate(string? name, VaultCredentialSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SourceSelection.Selects(() => _core.Value, VaultCredentialSource.SourceName))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = VaultOptionsRules.Check(options, _prefix.Value);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
