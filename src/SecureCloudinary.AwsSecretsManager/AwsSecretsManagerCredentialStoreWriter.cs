using SecureCloudinary.Internal;

namespace SecureCloudinary.AwsSecretsManager;

/// <summary>
/// Writes rotated credentials to the AWS Secrets Manager secret the way a rotation function does: the new value is
/// put as a new version labelled <c>AWSPENDING</c>, then <c>UpdateSecretVersionStage</c> moves <c>AWSCURRENT</c> to it
/// (the old version becomes <c>AWSPREVIOUS</c>) and the <c>AWSPENDING</c> label is removed. Until the label moves,
/// apps keep reading the old value, so a failure in between leaves the secret as it was: when <c>AWSCURRENT</c>
/// cannot be moved, the <c>AWSPENDING</c> label is taken off the unused version if the identity may, else it stays there,
/// harmless (nothing reads it, and the next <c>PutSecretValue</c> with <c>AWSPENDING</c> moves it). Once
/// <c>AWSCURRENT</c> has moved, the write counts as done even if removing <c>AWSPENDING</c> fails. Restoring moves
/// <c>AWSCURRENT</c> back. IAM: <c>secretsmanager:GetSecretValue</c>, <c>PutSecretValue</c> and
/// <c>UpdateSecretVersionStage</c> on the secret's ARN.
/// </summary>
internal sealed class AwsSecretsManagerCredentialStoreWriter(AwsSecretsManagerCredentialSource source) : ICloudinaryCredentialStoreWriter
{
    public const string Pending = "AWSPENDING";
    public const string Current = AwsSecretsManagerCredentialSourceOptions.DefaultVersionStage;

    public string SourceName => AwsSecretsManagerCredentialSource.SourceName;

    public ValueTask<CredentialSnapshot> ReadAsync(CancellationToken cancellationToken = default) => source.GetCredentialsAsync(cancellationToken);

    public async ValueTask<CredentialSnapshot?> ReadPreviousAsync(CancellationToken cancellationToken = default) =>
        await source.ReadStageAsync("AWSPREVIOUS", cancellationToken).ConfigureAwait(false);

    public async ValueTask<CredentialSnapshot> WriteAsync(CredentialSnapshot current, CloudinaryCredentials replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        EnsureWritable();
        var stored = await source.ReadStoredAsync(cancellationToken).ConfigureAwait(false);
        if (stored.VersionId is null || (current.Version is not null && current.Version != stored.VersionId))
        {
            throw Changed();
        }

        var text = CloudinarySecretShape.Replace(stored.Text, source.Fields, replacement, SourceName);
        var token = Guid.NewGuid().ToString("D");
        var version = await source.PutSecretValueAsync(text, token, [Pending], cancellationToken).ConfigureAwait(false);
        try
        {
            await source.UpdateStageAsync(Current, moveTo: version, removeFrom: stored.VersionId, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudinaryCredentialException ex)
        {
            // AWSCURRENT did not move: apps still read the old value. Take the label off the unused version if we may.
            var cleaned = await TryRemovePendingAsync(version).ConfigureAwait(false);
            throw new CloudinaryCredentialException(SourceName, ex.Reason,
                ex.Message + (cleaned
                    ? " AWSCURRENT was not moved; the unused new version was unlabelled."
                    : " AWSCURRENT was not moved; AWSPENDING stays on the unused new version, which apps do not read (the next rotation moves the label)."),
                ex.IsTransient, ex);
        }

        // AWSCURRENT is on the new value now: the write succeeded even if the AWSPENDING label cannot be taken off.
        await TryRemovePendingAsync(version).ConfigureAwait(false);
        return new CredentialSnapshot(replacement, version);
    }

    private async Task<bool> TryRemovePendingAsync(string version)
    {
        try
        {
            await source.UpdateStageAsync(Pending, moveTo: null, removeFrom: version, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (CloudinaryCredentialException)
        {
            return false;
        }
    }

    public async ValueTask<CredentialSnapshot> RestoreAsync(CredentialSnapshot previous, CredentialSnapshot written, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(written);
        EnsureWritable();
        if (previous.Version is null || written.Version is null)
        {
            throw new CloudinaryCredentialException(SourceName, CredentialFailureReason.NotFound,
                $"The version ids of secret '{source.SecretId}' are unknown, so AWSCURRENT cannot be moved back.");
        }

        await source.UpdateStageAsync(Current, moveTo: previous.Version, removeFrom: written.Version, cancellationToken).ConfigureAwait(false);
        return new CredentialSnapshot(previous.Credentials, previous.Version);
    }

    private void EnsureWritable()
    {
        if (!source.ReadsCurrent)
        {
            throw new CloudinaryCredentialException(SourceName, CredentialFailureReason.InvalidSecret,
                $"The source reads a pinned version ({source.SettingsPrefix}VersionId or {source.SettingsPrefix}VersionStage), "
                + "so rotation cannot write to it: clear those settings to read AWSCURRENT.");
        }
    }

    private CloudinaryCredentialException Changed() => new(
        SourceName,
        CredentialFailureReason.Unavailable,
        $"Secret '{source.SecretId}' ({source.SettingsPrefix}SecretId) changed since it was read; nothing was written. Run the rotation again.",
        isTransient: true);
}
