using SecureCloudinary.Internal;

namespace SecureCloudinary.Sources;

/// <summary>
/// Reads credentials from environment variables: <c>CLOUDINARY_URL</c>, or <c>CLOUDINARY_CLOUD_NAME</c>,
/// <c>CLOUDINARY_API_KEY</c> and <c>CLOUDINARY_API_SECRET</c>. Each individual variable overrides its part of
/// <c>CLOUDINARY_URL</c>. The environment is read on every call.
/// </summary>
public sealed class EnvironmentCredentialSource : ICloudinaryCredentialSource
{
    /// <summary>The name this source is selected by (<c>Cloudinary:Source = Environment</c>).</summary>
    public const string SourceName = "Environment";

    private readonly Func<string, string?> _read;

    /// <summary>Creates a source that reads the process environment.</summary>
    public EnvironmentCredentialSource()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a source that reads variables through <paramref name="read"/> (for tests).</summary>
    /// <param name="read">Returns the value of the named variable, or null.</param>
    internal EnvironmentCredentialSource(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _read = read;
    }

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    /// <exception cref="CloudinaryCredentialException">
    /// No variables are set or some are missing (<see cref="CredentialFailureReason.NotFound"/>, naming the
    /// variables to set), or <c>CLOUDINARY_URL</c> is malformed (<see cref="CredentialFailureReason.InvalidSecret"/>).
    /// </exception>
    public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<CredentialSnapshot>(cancellationToken);
        }

        var names = CredentialPartNames.Environment;
        try
        {
            var credentials = CredentialAssembler.Assemble(
                SourceName,
                names,
                _read(names.Url),
                _read(names.CloudName),
                _read(names.ApiKey),
                _read(names.ApiSecret));
            return ValueTask.FromResult(new CredentialSnapshot(credentials));
        }
        catch (CloudinaryCredentialException e)
        {
            return ValueTask.FromException<CredentialSnapshot>(e);
        }
    }
}
