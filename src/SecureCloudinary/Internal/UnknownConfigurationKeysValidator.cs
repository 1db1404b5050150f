using Microsoft.Extensions.Options;
using SecureCloudinary.Sources;

namespace SecureCloudinary.Internal;

/// <summary>
/// Fails the start when the <c>Cloudinary</c> section, or the section of a registered backend, holds a key no setting
/// reads (a misspelt key would otherwise be ignored and the default used). Names the key's full path and the nearest
/// valid name, never a value. The section of a registered custom credential source is not checked.
/// </summary>
internal sealed class UnknownConfigurationKeysValidator : IValidateOptions<SecureCloudinaryOptions>
{
    private readonly IEnumerable<SecureCloudinaryRegistration> _registrations;
    private readonly IEnumerable<ConfigurationSectionRegistration> _sections;
    private readonly IEnumerable<CredentialSourceRegistration> _sources;
    private readonly IServiceProvider _services;

    public UnknownConfigurationKeysValidator(
        IEnumerable<SecureCloudinaryRegistration> registrations,
        IEnumerable<ConfigurationSectionRegistration> sections,
        IEnumerable<CredentialSourceRegistration> sources,
        IServiceProvider services)
    {
        _registrations = registrations;
        _sections = sections;
        _sources = sources;
        _services = services;
    }

    public ValidateOptionsResult Validate(string? name, SecureCloudinaryOptions options)
    {
        var registration = SecureCloudinaryRegistration.Find(_registrations, name);
        var section = registration?.ResolveSection(_services);
        if (registration is null || section is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var schema = UnknownConfigurationKeys.CoreSchema();
        if (registration.IsDefault)
        {
            // Named accounts live below Cloudinary:Accounts; each is checked by its own registration.
            schema.Children.TryAdd(SecureCloudinaryRegistration.AccountsKey, null);
        }

        foreach (var source in CredentialSourceRegistration.Of(_sources, registration.Account))
        {
            var builtIn = string.Equals(source.Name, EnvironmentCredentialSource.SourceName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(source.Name, ConfigurationCredentialSource.SourceName, StringComparison.OrdinalIgnoreCase);
            if (!builtIn)
            {
                schema.Children.TryAdd(source.Name, null); // a custom source's settings are its own: not checked
            }
        }

        foreach (var backend in _sections.Where(s => string.Equals(s.Account, registration.Account, StringComparison.Ordinal)))
        {
            schema.Children[backend.Name] = ConfigurationKeySchema.FromType(backend.OptionsType);
        }

        var problems = new List<string>();
        UnknownConfigurationKeys.Check(section, schema, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
