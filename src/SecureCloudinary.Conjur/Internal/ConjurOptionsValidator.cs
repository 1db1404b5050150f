using Microsoft.Extensions.Options;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Validates <see cref="ConjurCredentialSourceOptions"/> at start-up, but only when <c>Cloudinary:Source</c>
/// selects Conjur, so an app that registers <c>AddConjur()</c> but uses another source does not fail.
/// </summary>
internal sealed class ConjurOptionsValidator : IValidateOptions<ConjurCredentialSourceOptions>
{
    private readonly IOptionsMonitor<SecureCloudinaryOptions> _core;
    private readonly ConjurRegistration _registration;

    public ConjurOptionsValidator(IOptionsMonitor<SecureCloudinaryOptions> core, ConjurRegistration registration)
    {
        _core = core;
        _registration = registration;
    }

    public ValidateOptionsResult Validate(string? name, ConjurCredentialSourceOptions options)
    {
        string? source;
        try
        {
            source = _core.CurrentValue.Source;
        }
        catch (OptionsValidationException)
        {
            // The core options are invalid (e.g. an unknown Cloudinary:Source); the core's validator reports that.
            return ValidateOptionsResult.Skip;
        }

        if (!string.Equals(source?.Trim(), ConjurCredentialSource.SourceName, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = ConjurOptionsRules.Check(options, _registration.SectionPath);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
