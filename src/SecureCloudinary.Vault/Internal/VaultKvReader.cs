using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Reads the configured KV secret: detects the mount's KV version (once) through
/// <c>sys/internal/ui/mounts</c>, reads <c>{mount}/{path}</c> (v1) or <c>{mount}/data/{path}</c> (v2), logs in again
/// once on 403, and maps every failure to a <see cref="CloudinaryCredentialException"/> that names the mount,
/// path and capability, never a value.
/// </summary>
internal sealed class VaultKvReader
{
    private const string VersionedPathWarning = "Invalid path for a versioned K/V";

    private readonly VaultHttp _http;
    private readonly VaultTokenManager _tokens;
    private readonly VaultCredentialSourceOptions _options;
    private readonly CloudinarySecretFieldNames _fields;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _mount;
    private readonly string _path;
    private int _kvVersion;

    public VaultKvReader(
        VaultHttp http, VaultTokenManager tokens, VaultCredentialSourceOptions options, string prefix, TimeProvider time, ILogger logger)
    {
        _http = http;
        _tokens = tokens;
        _options = options;
        _fields = options.Fields.ToFieldNames();
        _prefix = prefix;
        _time = time;
        _logger = logger;
        _mount = VaultPath.Display(options.MountPath);
        _path = VaultPath.Display(options.Path!);
        _kvVersion = options.KvVersion;
    }

    /// <summary>The KV version in use (0 until detected).</summary>
    public int KvVersion => Volatile.Read(ref _kvVersion);

    public async ValueTask<CredentialSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var version = KvVersion;
        if (version == 0)
        {
            (version, var known) = await DetectVersionAsync(cancellationToken).ConfigureAwait(false);
            if (known)
            {
                Volatile.Write(ref _kvVersion, version);
            }
        }

        var apiPath = version == 2
            ? $"{VaultPath.Escape(_mount)}/data/{VaultPath.Escape(_path)}"
            : $"{VaultPath.Escape(_mount)}/{VaultPath.Escape(_path)}";
        if (version == 2 && _options.Version is { } pinned)
        {
            apiPath += "?version=" + pinned.ToString(CultureInfo.InvariantCulture);
        }

        using var response = await SendAuthenticatedAsync(apiPath, cancellationToken).ConfigureAwait(false);
        return version == 2 ? ReadV2(response) : ReadV1(response);
    }

    private string DisplayPath(int version) => version == 2 ? $"{_mount}/data/{_path}" : $"{_mount}/{_path}";

    private async Task<VaultResponse> SendAuthenticatedAsync(string apiPath, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await _http.SendAsync(HttpMethod.Get, apiPath, token.Value, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != 403)
        {
            return response;
        }

        var replacement = await _tokens.ReplaceAsync(token, cancellationToken).ConfigureAwait(false);
        if (replacement is null)
        {
            return response;
        }

        response.Dispose();
        return await _http.SendAsync(HttpMethod.Get, apiPath, replacement.Value, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(int Version, bool Known)> DetectVersionAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAuthenticatedAsync($"sys/internal/ui/mounts/{VaultPath.Escape(_mount)}", cancellationToken)
            .ConfigureAwait(false);
        if (response.IsSuccess && response.Data is { } data)
        {
            var options = VaultResponse.Object(data, "options");
            var version = options is { } o && VaultResponse.String(o, "version") == "2" ? 2 : 1;
            _logger.KvVersionDetected(_mount, version, "sys/internal/ui/mounts");
            return (version, true);
        }

        switch (response.StatusCode)
        {
            case 404:
                _logger.KvVersionDetected(_mount, 1, "sys/internal/ui/mounts answered 404, as Vault before 0.10 does");
                return (1, true);
            case 403:
                // Not cached: the policy may change. Guessing a version here would end in a misleading
                // "no secret at …/data/…", so report the permission problem itself.
                var detectPath = "sys/internal/ui/mounts/" + _mount;
                throw Denied(
                    response,
                    detectPath,
                    $"a capability on a path inside the mount '{_mount}' (e.g. 'read' on '{_mount}/data/{_path}' for KV v2 or "
                    + $"'{_mount}/{_path}' for KV v1), or 'read' on '{detectPath}', to detect the mount's KV version; "
                    + $"or set {_prefix}KvVersion to 1 or 2 to skip detection");
            default:
                throw Unexpected(response, "sys/internal/ui/mounts/" + _mount);
        }
    }

    private CredentialSnapshot ReadV2(VaultResponse response)
    {
        var where = DisplayPath(2);
        var data = response.Data;
        var metadata = data is { } d ? VaultResponse.Object(d, "metadata") : null;
        var versionNumber = metadata is { } m ? VaultResponse.Number(m, "version") : null;
        if (response.StatusCode == 404)
        {
            if (metadata is { } meta)
            {
                var which = versionNumber is { } n ? $"Version {n}" : "The requested version";
                if (VaultResponse.Bool(meta, "destroyed") == true)
                {
                    throw NotFound($"{which} of the Vault secret {where} was destroyed and cannot be read. Write new credentials to the secret"
                        + (_options.Version is null ? "." : $" or change {_prefix}Version."));
                }

                if (!string.IsNullOrEmpty(VaultResponse.String(meta, "deletion_time")))
                {
                    throw NotFound($"{which} of the Vault secret {where} was deleted (soft delete). Undelete it "
                        + $"('vault kv undelete') or write new credentials.");
                }
            }

            throw NotFound($"No Vault secret at {where} (KV v2, HTTP 404)"
                + (_options.Version is { } pinned ? $" with version {pinned}" : string.Empty)
                + $". Check {_prefix}MountPath and {_prefix}Path, or write the secret.");
        }

        if (!response.IsSuccess)
        {
            throw Failure(response, where);
        }

        if (response.Root.ValueKind != JsonValueKind.Object)
        {
            throw NotVaultJson(response, where);
        }

        if (data is null || !data.Value.TryGetProperty("data", out var secret) || secret.ValueKind != JsonValueKind.Object)
        {
            throw NotFound($"The Vault secret {where} has no data (KV v2). Write the credentials to it.");
        }

        var credentials = CloudinarySecretParser.Parse(secret.GetRawText(), VaultCredentialSource.SourceName, _fields, null, $"Vault secret {where} ({_prefix}Path)");
        var version = versionNumber?.ToString(CultureInfo.InvariantCulture);
        _logger.SecretRead(_mount, _path, 2, version ?? "(none)");
        return new CredentialSnapshot(credentials, version);
    }

    private CredentialSnapshot ReadV1(VaultResponse response)
    {
        var where = DisplayPath(1);
        if (response.StatusCode == 404)
        {
            if (response.Warnings.Any(w => w.Contains(VersionedPathWarning, StringComparison.OrdinalIgnoreCase)))
            {
                throw NotFound($"The Vault mount {_mount} is a versioned (KV v2) engine, so {where} cannot be read as KV v1. "
                    + $"Set {_prefix}KvVersion to 2 (or 0 to detect it).");
            }

            throw NotFound($"No Vault secret at {where} (KV v1, HTTP 404). Check {_prefix}MountPath and {_prefix}Path, or write the secret.");
        }

        if (!response.IsSuccess)
        {
            throw Failure(response, where);
        }

        if (response.Root.ValueKind != JsonValueKind.Object)
        {
            throw NotVaultJson(response, where);
        }

        if (response.Data is not { } secret)
        {
            throw NotFound($"The Vault secret {where} has no data (KV v1). Write the credentials to it.");
        }

        var credentials = CloudinarySecretParser.Parse(secret.GetRawText(), VaultCredentialSource.SourceName, _fields, null, $"Vault secret {where} ({_prefix}Path)");
        var lease = VaultResponse.Number(response.Root, "lease_duration") ?? 0;
        DateTimeOffset? expires = lease > 0 ? _time.GetUtcNow().AddSeconds(lease) : null;
        _logger.SecretRead(_mount, _path, 1, "(none)");
        return new CredentialSnapshot(credentials, expiresAt: expires);
    }

    private CloudinaryCredentialException Failure(VaultResponse response, string where) =>
        response.StatusCode == 403
            ? Denied(response, where, $"'read' on '{where}'")
            : Unexpected(response, where);

    private CloudinaryCredentialException Denied(VaultResponse response, string where, string capability)
    {
        var tokenHint = _tokens.CanLogin
            ? " (a fresh login was tried and was denied as well)"
            : $" (or the token from {_prefix}Auth:Token / VAULT_TOKEN is invalid, expired or revoked)";
        return new CloudinaryCredentialException(
            VaultCredentialSource.SourceName,
            CredentialFailureReason.AccessDenied,
            $"Vault denied access to {where} (HTTP 403){tokenHint}. The token's policy needs {capability}."
            + VaultErrorText.Describe(response.Errors, _tokens.Secrets));
    }

    private CloudinaryCredentialException Unexpected(VaultResponse response, string where)
    {
        var transient = VaultHttp.IsTransient(response.StatusCode) || VaultHttp.IsUpgrading(response);
        return new CloudinaryCredentialException(
            VaultCredentialSource.SourceName,
            CredentialFailureReason.Unavailable,
            $"Vault ({_prefix}Address) could not answer {where} (HTTP {response.StatusCode}{(transient ? VaultStatus.Describe(response) : string.Empty)})."
            + (transient ? " Try again later." : string.Empty)
            + VaultErrorText.Describe(response.Errors, _tokens.Secrets),
            isTransient: transient);
    }

    /// <summary>A 2xx whose body is not Vault's JSON (a proxy or portal page, truncated JSON): not the secret's fault.</summary>
    private CloudinaryCredentialException NotVaultJson(VaultResponse response, string where) => new(
        VaultCredentialSource.SourceName,
        CredentialFailureReason.Unavailable,
        $"Vault answered {where} with HTTP {response.StatusCode} but not with Vault's JSON. "
        + $"Check that {_prefix}Address (VAULT_ADDR) points at Vault and not at a proxy or a web page.",
        isTransient: true);

    private static CloudinaryCredentialException NotFound(string message) =>
        new(VaultCredentialSource.SourceName, CredentialFailureReason.NotFound, message);
}
