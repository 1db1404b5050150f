using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Performs one login with the configured auth method. Secret files (AppRole secret id, JWTs) are re-read at
/// every login, so rotated Kubernetes service-account tokens are picked up. A response-wrapped AppRole secret
/// id is unwrapped once and kept in memory while the wrapping token in its source stays the same.
/// </summary>
internal sealed class VaultLogin
{
    private const int MaxSecretFileBytes = 64 * 1024;

    private readonly VaultAuthOptions _auth;
    private readonly VaultHttp _http;
    private readonly string _prefix;
    private readonly ILogger _logger;
    private readonly Lock _secretsLock = new();
    private readonly List<string> _sentSecrets = [];
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private string? _wrappingToken;
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private string? _unwrappedSecretId;

    public VaultLogin(VaultAuthOptions auth, VaultHttp http, string prefix, ILogger logger)
    {
        _logger = logger;
        _auth = auth;
        _http = http;
        _prefix = prefix;
        Mount = auth.EffectiveMountPath();
    }

    public string Mount { get; }

    public VaultAuthMethod Method => _auth.Method;

    /// <summary>The login path, e.g. <c>auth/approle/login</c> (safe to show).</summary>
    public string LoginPath => Method == VaultAuthMethod.UserPass ? $"auth/{Mount}/login/{{username}}" : $"auth/{Mount}/login";

    /// <summary>Values sent to Vault in logins so far, to keep them out of messages.</summary>
    public IReadOnlyCollection<string> SentSecrets
    {
        get
        {
            lock (_secretsLock)
            {
                return [.. _sentSecrets];
            }
        }
    }

    /// <summary>Logs in and returns the raw response (the caller maps statuses).</summary>
    public async Task<VaultResponse> LoginAsync(CancellationToken cancellationToken)
    {
        var path = $"auth/{VaultPath.Escape(Mount)}/login";
        if (Method == VaultAuthMethod.UserPass)
        {
            path += "/" + Uri.EscapeDataString(_auth.Username!.Trim());
        }

        var body = await BuildBodyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _http.SendAsync(HttpMethod.Post, path, token: null, body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }

    private async Task<byte[]> BuildBodyAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        string? roleId = null, secretId = null, role = null, jwt = null, password = null;
        switch (Method)
        {
            case VaultAuthMethod.AppRole:
                roleId = _auth.RoleId!.Trim();
                secretId = await ReadSecretIdAsync(cancellationToken).ConfigureAwait(false);
                break;
            case VaultAuthMethod.Kubernetes:
                role = _auth.Role!.Trim();
                jwt = await ReadFileAsync(_auth.JwtFile ?? VaultAuthOptions.DefaultKubernetesJwtFile, "JwtFile", cancellationToken).ConfigureAwait(false);
                break;
            case VaultAuthMethod.Jwt:
                role = string.IsNullOrWhiteSpace(_auth.Role) ? null : _auth.Role.Trim();
                jwt = await ReadFileAsync(_auth.JwtFile!, "JwtFile", cancellationToken).ConfigureAwait(false);
                break;
            case VaultAuthMethod.UserPass:
                password = _auth.Password!;
                break;
            default:
                throw new InvalidOperationException("The Token auth method does not log in.");
        }

        Remember(secretId, jwt, password);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteIfSet(writer, "role_id", roleId);
            WriteIfSet(writer, "secret_id", secretId);
            WriteIfSet(writer, "role", role);
            WriteIfSet(writer, "jwt", jwt);
            WriteIfSet(writer, "password", password);
            writer.WriteEndObject();
        }

        var bytes = buffer.WrittenSpan.ToArray();
        buffer.Clear();
        return bytes;
    }

    private async Task<string?> ReadSecretIdAsync(CancellationToken cancellationToken)
    {
        string? value = !string.IsNullOrWhiteSpace(_auth.SecretIdFile)
            ? await ReadFileAsync(_auth.SecretIdFile, "SecretIdFile", cancellationToken).ConfigureAwait(false)
            : _auth.SecretId?.Trim();
        if (string.IsNullOrEmpty(value) || !_auth.SecretIdIsWrapped)
        {
            return string.IsNullOrEmpty(value) ? null : value;
        }

        if (string.Equals(value, _wrappingToken, StringComparison.Ordinal) && _unwrappedSecretId is not null)
        {
            return _unwrappedSecretId;
        }

        Remember(value);
        using var response = await _http.SendAsync(HttpMethod.Post, "sys/wrapping/unwrap", value, null, cancellationToken)
            .ConfigureAwait(false);
        var secretId = response.IsSuccess && response.Data is { } data ? VaultResponse.String(data, "secret_id") : null;
        if (secretId is null)
        {
            _logger.UnwrapFailed(response.StatusCode);
            throw new CloudinaryCredentialException(
                VaultCredentialSource.SourceName,
                VaultHttp.IsTransient(response.StatusCode) ? CredentialFailureReason.Unavailable : CredentialFailureReason.AccessDenied,
                $"Vault could not unwrap the response-wrapped AppRole secret id from {_prefix}Auth:SecretId/SecretIdFile "
                + $"(sys/wrapping/unwrap, HTTP {response.StatusCode}): a wrapping token works once and expires; issue a new one."
                + VaultErrorText.Describe(response.Errors, SentSecrets),
                isTransient: VaultHttp.IsTransient(response.StatusCode));
        }

        _wrappingToken = value;
        _unwrappedSecretId = secretId;
        Remember(secretId);
        return secretId;
    }

    private async Task<string> ReadFileAsync(string path, string settingName, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                if (stream.Length > MaxSecretFileBytes)
                {
                    throw new InvalidDataException("too large");
                }

                var bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                var text = Encoding.UTF8.GetString(bytes).Trim();
                CryptographicOperations.ZeroMemory(bytes);
                if (text.Length == 0)
                {
                    throw new InvalidDataException("empty");
                }

                return text;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "does not exist",
                UnauthorizedAccessException => "cannot be read (permission denied)",
                InvalidDataException { Message: "empty" } => "is empty",
                InvalidDataException => $"is larger than {MaxSecretFileBytes} bytes",
                _ => "cannot be read",
            };
            throw new CloudinaryCredentialException(
                VaultCredentialSource.SourceName,
                CredentialFailureReason.Unavailable,
                $"The file named by {_prefix}Auth:{settingName} {why}; the {Method} login needs it.",
                isTransient: true);
        }
    }

    private void Remember(params string?[] values)
    {
        lock (_secretsLock)
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrEmpty(value) && !_sentSecrets.Contains(value))
                {
                    _sentSecrets.Add(value);
                }
            }
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
