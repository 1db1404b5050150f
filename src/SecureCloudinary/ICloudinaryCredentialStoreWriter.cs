namespace SecureCloudinary;

/// <summary>
/// The write side of a credential source that can store new credentials (AWS Secrets Manager, Vault, Conjur), used
/// by key rotation. A backend registers it beside its source with
/// <see cref="Microsoft.Extensions.DependencyInjection.CredentialStoreWriterBuilderExtensions.AddCredentialStoreWriter"/>.
/// Writers keep the shape of the stored value (JSON fields, <c>cloudinary://</c> URL, field mapping) and change
/// only the API key and secret. Their exceptions never contain a secret.
/// </summary>
public interface ICloudinaryCredentialStoreWriter
{
    /// <summary>The name of the source this writer writes to, e.g. <c>Vault</c>.</summary>
    string SourceName { get; }

    /// <summary>Reads the credentials through the source, as an app would (the read-back after a write).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot the source returns now.</returns>
    /// <exception cref="CloudinaryCredentialException">The source failed.</exception>
    ValueTask<CredentialSnapshot> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the value that was current before the last write (AWS: <c>AWSPREVIOUS</c>; Vault KV v2: the version before
    /// the current one; Conjur: the variable's previous version), for rollback and for checking that the old key is disabled.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The previous snapshot, or null when the store keeps none.</returns>
    /// <exception cref="CloudinaryCredentialException">The store failed.</exception>
    ValueTask<CredentialSnapshot?> ReadPreviousAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="replacement"/> in place of <paramref name="current"/>: a new version that becomes the one
    /// apps read. When the store changed since <paramref name="current"/> was read, nothing is written.
    /// </summary>
    /// <param name="current">The snapshot read before (its version guards against concurrent writers where the store has versions).</param>
    /// <param name="replacement">The new credentials (same cloud name).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The snapshot of what was written, with the store's new version id when it has one.</returns>
    /// <exception cref="CloudinaryCredentialException">
    /// The store refused or failed the write (<see cref="CredentialFailureReason.AccessDenied"/> when the identity may
    /// not write; the message names the permission needed). Nothing was written that apps read.
    /// </exception>
    ValueTask<CredentialSnapshot> WriteAsync(CredentialSnapshot current, CloudinaryCredentials replacement, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="previous"/> the value apps read again, after <paramref name="written"/> replaced it.</summary>
    /// <param name="previous">The snapshot that was current before the write.</param>
    /// <param name="written">The snapshot <see cref="WriteAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    /// <returns>The snapshot of the restored value.</returns>
    /// <exception cref="CloudinaryCredentialException">The store refused or failed the write.</exception>
    ValueTask<CredentialSnapshot> RestoreAsync(CredentialSnapshot previous, CredentialSnapshot written, CancellationToken cancellationToken = default);
}
