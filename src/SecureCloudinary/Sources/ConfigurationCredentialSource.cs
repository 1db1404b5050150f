using Microsoft.Extensions.Configuration;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Sources;

/// <summary>
/// Reads credentials from a configuration section (normally <c>Cloudinary</c>): <c>Cloudinary:Url</c>, or
/// <c>Cloudinary:CloudName</c>, <c>Cloudinary:ApiKey</c> and <c>Cloudinary:ApiSecret</c>, each overriding its
/// part of the URL. Works with any configuration provider: user-secrets, Kubernetes/Docker secret files through
/// <c>AddKeyPerFile</c> (files named <c>Cloudinary__ApiSecret</c>), environment variables
/// (<c>Cloudinary__ApiSecret</c>) and so on. The section is read on every call, so reloads apply.
/// </summary>
public sealed class ConfigurationCredentialSource : ICloudinaryCredentialSource
{
    /// <summary>The name this source is selected by (<c>Cloudinary:Source = Configuration</c>).</summary>
    public const string SourceName = "Configuration";

    private const string DefaultSectionPath = "Cloudinary";

    private readonly IConfigurationSection _section;
    private readonly CredentialPartNames _names;

    /// <summary>Creates a source over a configuration section.</summary>
    /// <param name="section">
    /// The section holding the keys, e.g. <c>configuration.GetSection("Cloudinary")</c>; when a configuration root
    /// is passed, its <c>Cloudinary</c> section is used. Error messages name keys by the section's path.
    /// </param>
    public ConfigurationCredentialSource(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var s = section as IConfigurationSection ?? section.GetSection(DefaultSectionPath);
        _section = s;
        _names = CredentialPartNames.ForConfiguration(s.Path.Length > 0 ? s.Path : DefaultSectionPath);
    }

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    /// <exception cref="CloudinaryCredentialException">
    /// No keys are set or some are missing (<see cref="CredentialFailureReason.NotFound"/>, naming the keys to
    /// set), or <c>Cloudinary:Url</c> is malformed (<see cref="CredentialFailureReason.InvalidSecret"/>).
    /// </exception>
    public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<CredentialSnapshot>(cancellationToken);
        }

        try
        {
            var credentials = CredentialAssembler.Assemble(
                SourceName,
                _names,
                _section["Url"],
                _section["CloudName"],
                _section["ApiKey"],
                _section["ApiSecret"]);
            return ValueTask.FromResult(new CredentialSnapshot(credentials));
        }
        catch (CloudinaryCredentialException e)
        {
            return ValueTask.FromException<CredentialSnapshot>(e);
        }
    }
}
