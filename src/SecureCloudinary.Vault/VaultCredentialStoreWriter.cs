using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SecureCloudinary.Internal;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault;

/// <summary>
/// Writes rotated credentials to the Vault KV secret the source reads. KV v2: a new version written with
/// <c>cas</c> = the version read, so a concurrent writer makes the write fail instead of being overwritten; KV v1:
/// the secret is replaced. The other fields of the secret and the field mapping are kept. The token's policy needs
/// <c>create</c>/<c>update</c> on <c>{mount}/data/{path}</c> (KV v2) or <c>{mount}/{path}</c> (KV v1) besides <c>read</c>.
/// </summary>
internal sealed class VaultCredentialStoreWriter(VaultCredentialSource source) : ICloudinaryCredentialStoreWriter
{
    public string SourceName => VaultCredentialSource.SourceName;

    private string Mount => VaultPath.Display(source.Options.MountPath);

    private string SecretPath => VaultPath.Display(source.Options.Path!);

    public ValueTask<CredentialSnapshot> ReadAsync(CancellationToken cancellationToken = default) => source.GetCredentialsAsync(cancellationToken);

    public async ValueTask<CredentialSnapshot?> ReadPreviousAsync(CancellationToken cancellationToken = default)
    {
        var kv = await KvVersionAsync(cancellationToken).ConfigureAwait(false);
        if (kv != 2)
        {
            return null; // KV v1 keeps no versions
        }

        var (_, version) = await ReadStoredAsync(cancellationToken).ConfigureAwait(false);
        if (version is not { } current || current <= 1)
        {
            return null;
        }

        var previous = current - 1;
        using var response = await SendAsync(HttpMethod.Get, ApiPath(kv) + "?version=" + previous.ToString(CultureInfo.InvariantCulture), null, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == 404)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw Failure(response, kv, "read");
        }

        var inner = response.Data is { } d ? VaultResponse.Object(d, "data") : null;
        if (inner is null)
        {
            return null;
        }

        var credentials = CloudinarySecretParser.Parse(
            inner.Value.GetRawText(), SourceName, source.Options.Fields.ToFieldNames(), null, $"Vault secret {DisplayPath(kv)} version {previous}");
        return new CredentialSnapshot(credentials, previous.ToString(CultureInfo.InvariantCulture));
    }

    public async ValueTask<CredentialSnapshot> WriteAsync(CredentialSnapshot current, CloudinaryCredentials replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        if (source.Options.Version is not null)
        {
            throw new CloudinaryCredentialException(SourceName, CredentialFailureReason.InvalidSecret,
                $"The source reads a pinned version ({source.SettingPrefix}Version), so rotation cannot write to it: clear that setting.");
        }

        var (data, version) = await ReadStoredAsync(cancellationToken).ConfigureAwait(false);
        if (current.Version is not null && version is not null && current.Version != version.Value.ToString(CultureInfo.InvariantCulture))
        {
            throw Changed();
        }

        var text = CloudinarySecretShape.Replace(data, source.Options.Fields.ToFieldNames(), replacement, SourceName);
        var written = await WriteStoredAsync(text, version, cancellationToken).ConfigureAwait(false);
        return new CredentialSnapshot(replacement, written?.ToString(CultureInfo.InvariantCulture));
    }

    public async ValueTask<CredentialSnapshot> RestoreAsync(CredentialSnapshot previous, CredentialSnapshot written, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(written);
        var (data, version) = await ReadStoredAsync(cancellationToken).ConfigureAwait(false);
        var text = CloudinarySecretShape.Replace(data, source.Options.Fields.ToFieldNames(), previous.Credentials, SourceName);
        var restored = await WriteStoredAsync(text, version, cancellationToken).ConfigureAwait(false);
        return new CredentialSnapshot(previous.Credentials, restored?.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<int> KvVersionAsync(CancellationToken cancellationToken)
    {
        if (source.KvVersion == 0)
        {
            await source.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        }

        return source.KvVersion == 0 ? 2 : source.KvVersion;
    }

    private string ApiPath(int kv) => kv == 2
        ? $"{VaultPath.Escape(Mount)}/data/{VaultPath.Escape(SecretPath)}"
        : $"{VaultPath.Escape(Mount)}/{VaultPath.Escape(SecretPath)}";

    private string DisplayPath(int kv) => kv == 2 ? $"{Mount}/data/{SecretPath}" : $"{Mount}/{SecretPath}";

    /// <summary>The secret's data object as JSON text, and its KV v2 version (null on KV v1).</summary>
    private async Task<(string Data, long? Version)> ReadStoredAsync(CancellationToken cancellationToken)
    {
        var kv = await KvVersionAsync(cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Get, ApiPath(kv), null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Failure(response, kv, "read");
        }

        var data = response.Data;
        if (kv == 2)
        {
            var inner = data is { } d ? VaultResponse.Object(d, "data") : null;
            var metadata = data is { } m ? VaultResponse.Object(m, "metadata") : null;
            if (inner is null)
            {
                throw new CloudinaryCredentialException(SourceName, CredentialFailureReason.NotFound, $"The Vault secret {DisplayPath(kv)} has no data.");
            }

            return (inner.Value.GetRawText(), metadata is { } meta ? VaultResponse.Number(meta, "version") : null);
        }

        return data is { } v1
            ? (v1.GetRawText(), null)
            : throw new CloudinaryCredentialException(SourceName, CredentialFailureReason.NotFound, $"The Vault secret {DisplayPath(kv)} has no data.");
    }

    /// <summary>Writes the data object; returns the new KV v2 version (null on KV v1).</summary>
    private async Task<long?> WriteStoredAsync(string dataJson, long? cas, CancellationToken cancellationToken)
    {
        var kv = await KvVersionAsync(cancellationToken).ConfigureAwait(false);
        byte[] body;
        using (var data = JsonDocument.Parse(dataJson))
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                if (kv == 2)
                {
                    writer.WriteStartObject();
                    writer.WriteStartObject("options");
                    writer.WriteNumber("cas", cas ?? 0);
                    writer.WriteEndObject();
                    writer.WritePropertyName("data");
                    data.RootElement.WriteTo(writer);
                    writer.WriteEndObject();
                }
                else
                {
                    data.RootElement.WriteTo(writer);
                }
            }

            body = buffer.WrittenSpan.ToArray();
        }

        using var response = await SendAsync(HttpMethod.Post, ApiPath(kv), body, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            if (response.StatusCode == 400 && response.Errors.Any(e => e.Contains("check-and-set", StringComparison.OrdinalIgnoreCase)))
            {
                throw Changed();
            }

            throw Failure(response, kv, "update");
        }

        return kv == 2 && response.Data is { } d ? VaultResponse.Number(d, "version") : null;
    }

    private async Task<VaultResponse> SendAsync(HttpMethod method, string apiPath, byte[]? body, CancellationToken cancellationToken)
    {
        var token = await source.Tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await source.Http.SendAsync(method, apiPath, token.Value, body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != 403)
        {
            return response;
        }

        var replacement = await source.Tokens.ReplaceAsync(token, cancellationToken).ConfigureAwait(false);
        if (replacement is null)
        {
            return response;
        }

        response.Dispose();
        return await source.Http.SendAsync(method, apiPath, replacement.Value, body, cancellationToken).ConfigureAwait(false);
    }

    private CloudinaryCredentialException Failure(VaultResponse response, int kv, string capability)
    {
        var where = DisplayPath(kv);
        if (response.StatusCode == 403)
        {
            var needed = capability == "read" ? "'read'" : "'create' and 'update'";
            return new CloudinaryCredentialException(SourceName, CredentialFailureReason.AccessDenied,
                $"Vault denied {(capability == "read" ? "reading" : "writing")} {where} (HTTP 403). The token's policy needs {needed} on '{where}'."
                + VaultErrorText.Describe(response.Errors, source.Tokens.Secrets));
        }

        if (response.StatusCode == 404)
        {
            return new CloudinaryCredentialException(SourceName, CredentialFailureReason.NotFound,
                $"No Vault secret at {where} (HTTP 404). Check {source.SettingPrefix}MountPath and {source.SettingPrefix}Path.");
        }

        var transient = VaultHttp.IsTransient(response.StatusCode);
        return new CloudinaryCredentialException(SourceName, CredentialFailureReason.Unavailable,
            $"Vault ({source.SettingPrefix}Address) could not {capability} {where} (HTTP {response.StatusCode})."
            + VaultErrorText.Describe(response.Errors, source.Tokens.Secrets),
            isTransient: transient);
    }

    private CloudinaryCredentialException Changed() => new(
        SourceName,
        CredentialFailureReason.Unavailable,
        $"The Vault secret {Mount}/{SecretPath} changed since it was read (check-and-set); nothing was written. Run the rotation again.",
        isTransient: true);
}
