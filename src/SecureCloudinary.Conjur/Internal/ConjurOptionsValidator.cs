using Microsoft.Extensions.Options;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Validates <see cref="ConjurCredentialSourceOptions"/> of each account at start-up, but only when that account's
/// <c>Source</c> selects Conjur, so an app that registers <c>AddConjur()</c> but uses another source does not fail.
/// </summary>
internal sealed class ConjurOptionsValidator : IValidateOptions<ConjurCredentialSourceOptions>
{
    private readonly IOptionsMonitor<SecureCloudinaryOptions> _core;
    private readonly IEnumerable<ConjurRegistration> _registrations;

    public ConjurOptionsValidator(IOptionsMonitor<SecureCloudinaryOptions> core, IEnumerable<ConjurRegistration> registrations)
    {
        _core = core;
        _registrations = registrations;
    }

    public ValidateOptionsResult Validate(string? name, ConjurCredentialSourceOptions options)
    {
        if (!SourceSelection.Selects(_core, name, ConjurCredentialSource.SourceName))
        {
            return ValidateOptionsResult.Skip;
        }

        var prefix = ConjurRegistration.Find(_registrations, name)?.SectionPath ?? ConjurOptionsRules.DefaultPrefix;
        var failures = ConjurOptionsRules.Check(options, prefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
