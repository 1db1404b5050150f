namespace SecureCloudinary;

/// <summary>
/// Hands out the current credentials of one configured Cloudinary client. The client asks on every call,
/// so a rotated key is used as soon as the provider has it.
/// </summary>
public interface ICloudinaryCredentialProvider
{
    /// <summary>The name of the source the credentials come from.</summary>
    string SourceName { get; }

    /// <summary>Returns the current credentials snapshot, loading it from the source if none is held yet.</summary>
    /// <param name="cancellationToken">Cancels waiting for the load.</param>
    /// <returns>The current snapshot.</returns>
    /// <exception cref="CloudinaryCredentialException">No valid credentials could be loaded.</exception>
    ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);
}
