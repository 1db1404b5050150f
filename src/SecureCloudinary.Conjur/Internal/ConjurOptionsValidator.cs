using Microsoft.Extensions.Options;
using SecureCloudinary.Internal;

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
        if (!SourceSelection.Selects(() => _core.CurrentValue, ConjurCredentialSource.SourceName))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = ConjurOptionsRules.Check(options, _registration.SectionPath);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
