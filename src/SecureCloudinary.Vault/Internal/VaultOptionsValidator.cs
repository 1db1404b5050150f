using Microsoft.Extensions.Options;

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
        string? source;
        try
        {
            source = _core.Value.Source;
        }
        catch (OptionsValidationException)
        {
            // The core options are invalid (e.g. an unknown Cloudinary:Source); the core's validator reports that.
            return ValidateOptionsResult.Skip;
        }

        if (!string.Equals(source?.Trim(), VaultCredentialSource.SourceName, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = VaultOptionsRules.Check(options, _prefix.Value);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
