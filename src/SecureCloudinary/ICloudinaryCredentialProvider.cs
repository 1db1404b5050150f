using Microsoft.Extensions.Primitives;

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

    /// <summary>
    /// Called when Cloudinary rejected <paramref name="rejected"/> (HTTP 401): reads the source again unless a
    /// newer snapshot is already held or a forced refresh ran too recently, and returns the snapshot to use now.
    /// The caller repeats its request only when the returned credentials differ from the rejected ones.
    /// The default implementation returns <see cref="GetSnapshotAsync"/>.
    /// </summary>
    /// <param name="rejected">The snapshot whose credentials Cloudinary rejected.</param>
    /// <param name="cancellationToken">Cancels this caller's wait; never the shared refresh.</param>
    /// <returns>The snapshot to use now; the rejected one when nothing newer could be obtained.</returns>
    ValueTask<CredentialSnapshot> ForceRefreshAsync(CredentialSnapshot rejected, CancellationToken cancellationToken = default) =>
        GetSnapshotAsync(cancellationToken);

    /// <summary>
    /// Returns a token that fires once when the credentials change (a rotation). Take a new token after it fired,
    /// or use <c>ChangeToken.OnChange(provider.GetChangeToken, …)</c>. The default implementation never fires.
    /// </summary>
    /// <returns>The change token for the current credentials.</returns>
    IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);
}
