namespace SecureCloudinary;

/// <summary>
/// A place Cloudinary credentials are read from: environment variables, configuration, or a secret store.
/// Implementations fetch fresh values on every call; caching and refresh are the provider's job.
/// </summary>
public interface ICloudinaryCredentialSource
{
    /// <summary>The name configuration selects this source by (<c>Cloudinary:Source</c>), e.g. <c>Environment</c>.</summary>
    string Name { get; }

    /// <summary>Reads the current credentials from the source.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The credentials with their version and expiry.</returns>
    /// <exception cref="CloudinaryCredentialException">The source could not supply valid credentials.</exception>
    ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default);
}
