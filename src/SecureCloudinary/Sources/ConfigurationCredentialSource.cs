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

    /// <summary>Reads of the section before giving up when the configuration keeps reloading meanwhile.</summary>
    private const int MaxReadAttempts = 5;

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
    /// set), <c>Cloudinary:Url</c> is malformed (<see cref="CredentialFailureReason.InvalidSecret"/>), or the
    /// configuration reloaded during every read, so no consistent key and secret could be read
    /// (<see cref="CredentialFailureReason.Unavailable"/>, transient).
    /// </exception>
    public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<CredentialSnapshot>(cancellationToken);
        }

        try
        {
            // The parts are separate lookups: a reload between them (a rotation written by a configuration provider)
            // would pair one version's key with another's secret. Read again until no reload happened meanwhile.
            for (var attempt = 1; ; attempt++)
            {
                var reload = _section.GetReloadToken();
                var url = _section["Url"];
                var cloudName = _section["CloudName"];
                var apiKey = _section["ApiKey"];
                var apiSecret = _section["ApiSecret"];
                if (!reload.HasChanged)
                {
                    var credentials = CredentialAssembler.Assemble(SourceName, _names, url, cloudName, apiKey, apiSecret);
                    return ValueTask.FromResult(new CredentialSnapshot(credentials));
                }

                if (attempt == MaxReadAttempts)
                {
                    throw new CloudinaryCredentialException(
                        SourceName,
                        CredentialFailureReason.Unavailable,
                        $"The configuration reloaded during each of {MaxReadAttempts} reads of {_names.Url} / {_names.ApiKey} / {_names.ApiSecret}, "
                        + "so the parts read may belong to different versions; the next read tries again.",
                        isTransient: true);
                }
            }
        }
        catch (CloudinaryCredentialException e)
        {
            return ValueTask.FromException<CredentialSnapshot>(e);
        }
    }
}
