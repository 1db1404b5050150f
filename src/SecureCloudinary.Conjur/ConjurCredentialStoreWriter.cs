using System.Text;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Conjur;

/// <summary>
/// Writes rotated credentials to the Conjur variables the source reads: the one variable (its <c>cloudinary://</c> URL
/// or JSON shape kept) or, with three variables, new values for the API key and API secret variables (the cloud name
/// stays). Conjur keeps each value as a new version (the last 20), so the previous value is there for rollback:
/// reading it needs the same <c>read</c> and <c>execute</c> as reading the current one. The identity needs
/// <c>update</c> on each variable written besides <c>read</c> and <c>execute</c>. With three variables the two writes are not atomic: an app that reads in
/// between gets a mismatched pair, is refused with 401 and reads again.
/// </summary>
internal sealed class ConjurCredentialStoreWriter(ConjurCredentialSource source) : ICloudinaryCredentialStoreWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string SourceName => ConjurCredentialSource.SourceName;

    public ValueTask<CredentialSnapshot> ReadAsync(CancellationToken cancellationToken = default) => source.GetCredentialsAsync(cancellationToken);

    /// <summary>
    /// The value before the current one: the variable's versions come from its resource record
    /// (<c>GET /resources/{account}/variable/{id}</c>, <c>read</c>), the one before the newest is read with
    /// <c>GET /secrets/…?version=N</c> (<c>execute</c>). With three variables, the API key and API secret variables'
    /// versions before their newest must both hold other values than now (one rotation or rollback writes both); when
    /// only the key variable shows a write that was put back (its newest value also sits two versions down, the secret
    /// variable's not: a rotation whose secret write failed and whose key write was undone), or a variable has no
    /// earlier version kept, there is no previous value to trust (null).
    /// </summary>
    public async ValueTask<CredentialSnapshot?> ReadPreviousAsync(CancellationToken cancellationToken = default)
    {
        var current = await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        if (source.Variable is { } variable)
        {
            var previous = await PreviousAsync(variable, cancellationToken).ConfigureAwait(false);
            if (previous is not { } found)
            {
                return null;
            }

            var credentials = CloudinarySecretParser.Parse(
                found.Text, SourceName, null, current.Credentials.CloudName, $"Conjur variable '{variable}' version {found.Version}");
            return credentials.ApiKey == current.Credentials.ApiKey ? null : new CredentialSnapshot(credentials, "version-" + found.Version);
        }

        var keyId = source.Parts.ApiKey?.Trim() ?? throw Missing("ApiKey");
        var secretId = source.Parts.ApiSecret?.Trim() ?? throw Missing("ApiSecret");
        var key = await PreviousAsync(keyId, cancellationToken).ConfigureAwait(false);
        var secret = await PreviousAsync(secretId, cancellationToken).ConfigureAwait(false);
        if (key is not { } k || secret is not { } sec || k.PutBack != sec.PutBack
            || k.Text.Trim() == current.Credentials.ApiKey || sec.Text.Trim() == current.Credentials.ApiSecret)
        {
            return null;
        }

        var pair = new CloudinaryCredentials(current.Credentials.CloudName, k.Text.Trim(), sec.Text.Trim(), current.Credentials.Settings);
        return new CredentialSnapshot(pair, $"version-{k.Version}+{sec.Version}");
    }

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

    /// <summary>
    /// The newest kept version before the current one, with whether the version before that holds the current value
    /// again (a write that was put back), or null when Conjur keeps no earlier version.
    /// </summary>
    private async Task<(string Text, int Version, bool PutBack)?> PreviousAsync(string variableId, CancellationToken cancellationToken)
    {
        var client = source.Client;
        var versions = await client.GetVersionsAsync(variableId, cancellationToken).ConfigureAwait(false);
        if (versions.Count < 2)
        {
            return null;
        }

        var previous = await client.GetSecretVersionAsync(variableId, versions[^2], cancellationToken).ConfigureAwait(false);
        if (previous is null)
        {
            return null;
        }

        var putBack = false;
        if (versions.Count >= 3)
        {
            var newest = await client.GetSecretVersionAsync(variableId, versions[^1], cancellationToken).ConfigureAwait(false);
            var before = await client.GetSecretVersionAsync(variableId, versions[^3], cancellationToken).ConfigureAwait(false);
            putBack = newest is not null && before is not null && newest.AsSpan().SequenceEqual(before);
        }

        return (Text(previous, variableId), versions[^2], putBack);
    }

    private static string Text(byte[] value, string variableId)
    {
        try
        {
            return StrictUtf8.GetString(value);
        }
        catch (DecoderFallbackException)
        {
            throw new CloudinaryCredentialException(ConjurCredentialSource.SourceName, CredentialFailureReason.InvalidSecret,
                $"An earlier version of Conjur variable '{variableId}' does not hold UTF-8 text.");
        }
    }

    private CloudinaryCredentialException Missing(string key) => new(SourceName, CredentialFailureReason.NotFound,
        $"{source.SettingPrefix}:Variables:{key} is not set, so the new key cannot be written.");
}
