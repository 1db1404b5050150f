using System.Text;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Conjur;

/// <summary>
/// Writes rotated credentials to the Conjur variables the source reads: the one variable (its <c>cloudinary://</c> URL
/// or JSON shape kept) or, with three variables, new values for the API key and API secret variables (the cloud name
/// stays). Conjur keeps each value as a new version. The identity needs <c>update</c> on each variable written
/// besides <c>read</c> and <c>execute</c>. With three variables the two writes are not atomic: an app that reads in
/// between gets a mismatched pair, is refused with 401 and reads again.
/// </summary>
internal sealed class ConjurCredentialStoreWriter(ConjurCredentialSource source) : ICloudinaryCredentialStoreWriter
{
    public string SourceName => ConjurCredentialSource.SourceName;

    public ValueTask<CredentialSnapshot> ReadAsync(CancellationToken cancellationToken = default) => source.GetCredentialsAsync(cancellationToken);

    /// <summary>Conjur's previous versions are not listed by the secrets API, so there is none to offer.</summary>
    public ValueTask<CredentialSnapshot?> ReadPreviousAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<CredentialSnapshot?>(null);

    public async ValueTask<CredentialSnapshot> WriteAsync(CredentialSnapshot current, CloudinaryCredentials replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        var now = await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        if (!now.Credentials.Equals(current.Credentials))
        {
            throw new CloudinaryCredentialException(SourceName, CredentialFailureReason.Unavailable,
                "The Conjur variables changed since they were read; nothing was written. Run the rotation again.", isTransient: true);
        }

        await PutAsync(now.Credentials, replacement, cancellationToken).ConfigureAwait(false);
        return await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<CredentialSnapshot> RestoreAsync(CredentialSnapshot previous, CredentialSnapshot written, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(written);
        var now = await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        await PutAsync(now.Credentials, previous.Credentials, cancellationToken).ConfigureAwait(false);
        return await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PutAsync(CloudinaryCredentials current, CloudinaryCredentials replacement, CancellationToken cancellationToken)
    {
        var client = source.Client;
        if (source.Variable is { } variable)
        {
            var stored = Encoding.UTF8.GetString(await client.GetSecretAsync(variable, cancellationToken).ConfigureAwait(false));
            var text = CloudinarySecretShape.Replace(stored, null, replacement, SourceName);
            await client.AddSecretAsync(variable, Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            return;
        }

        var keyId = source.Parts.ApiKey?.Trim() ?? throw Missing("ApiKey");
        var secretId = source.Parts.ApiSecret?.Trim() ?? throw Missing("ApiSecret");
        await client.AddSecretAsync(keyId, Encoding.UTF8.GetBytes(replacement.ApiKey), cancellationToken).ConfigureAwait(false);
        try
        {
            await client.AddSecretAsync(secretId, Encoding.UTF8.GetBytes(replacement.ApiSecret), cancellationToken).ConfigureAwait(false);
        }
        catch (CloudinaryCredentialException)
        {
            // Put the key back so the pair stays consistent; the caller reports the failure.
            await client.AddSecretAsync(keyId, Encoding.UTF8.GetBytes(current.ApiKey), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private CloudinaryCredentialException Missing(string key) => new(SourceName, CredentialFailureReason.NotFound,
        $"{source.SettingPrefix}:Variables:{key} is not set, so the new key cannot be written.");
}
