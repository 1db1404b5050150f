using System.Buffers;
using System.Text.Json;
using Amazon.Runtime;
using SecureCloudinary.AwsSecretsManager.Internal;
using SecureCloudinary.Internal;

namespace SecureCloudinary.AwsSecretsManager;

/// <content>
/// The write side used by key rotation (<see cref="AwsSecretsManagerCredentialStoreWriter"/>): reading the
/// AWSCURRENT text as stored, <c>PutSecretValue</c> and <c>UpdateSecretVersionStage</c>. One attempt each, with one
/// re-resolution of expired AWS credentials; failures name the IAM action needed, never a value.
/// </content>
public sealed partial class AwsSecretsManagerCredentialSource
{
    internal const string PutSecretValueTarget = "secretsmanager.PutSecretValue";
    internal const string UpdateSecretVersionStageTarget = "secretsmanager.UpdateSecretVersionStage";
    private const string SecretIdField = "SecretId";

    internal string SecretId => _secretId;

    internal string SettingsPrefix => _prefix;

    internal CloudinarySecretFieldNames Fields => _fields;

    /// <summary>Whether the source reads AWSCURRENT (not a pinned VersionId or another stage), so rotation can write to it.</summary>
    internal bool ReadsCurrent =>
        string.IsNullOrWhiteSpace(_options.VersionId)
        && (string.IsNullOrWhiteSpace(_options.VersionStage)
            || string.Equals(_options.VersionStage.Trim(), AwsSecretsManagerCredentialSourceOptions.DefaultVersionStage, StringComparison.Ordinal));

    /// <summary>Reads the AWSCURRENT text and version id exactly as stored.</summary>
    internal async Task<SecretValue> ReadStoredAsync(CancellationToken cancellationToken)
    {
        var client = EnsureClient();
        var mapper = new AwsErrorMapper(_secretId, _prefix, client.Endpoint.Region.SystemName);
        return await ReadAsync(client, mapper, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the credentials labelled <paramref name="stage"/> (e.g. AWSPREVIOUS), or null when no version has it.</summary>
    internal async Task<CredentialSnapshot?> ReadStageAsync(string stage, CancellationToken cancellationToken)
    {
        var client = EnsureClient();
        var mapper = new AwsErrorMapper(_secretId, _prefix, client.Endpoint.Region.SystemName);
        var body = SecretsManagerClient.GetSecretValueBody(_secretId, versionId: null, stage);
        var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        var (value, error) = await client.GetSecretValueAsync(credentials, body, cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            if (string.Equals(error?.Code, "ResourceNotFoundException", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            throw mapper.Map(error ?? new AwsErrorResponse(0, "Unrecognized"), client.Endpoint);
        }

        var parsed = CloudinarySecretParser.Parse(value.Text, SourceName, _fields, _fallbackCloudName, $"Secret '{_secretId}' ({_prefix}SecretId) {stage}");
        return new CredentialSnapshot(parsed, value.VersionId);
    }

    /// <summary>PutSecretValue with the given token and stages; returns the version id.</summary>
    internal async Task<string> PutSecretValueAsync(string text, string token, IReadOnlyList<string> stages, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteString(SecretIdField, _secretId);
            w.WriteString("ClientRequestToken", token);
            w.WriteString("SecretString", text);
            w.WriteStartArray("VersionStages");
            foreach (var stage in stages)
            {
                w.WriteStringValue(stage);
            }

            w.WriteEndArray();
        });
        using var answer = await CallAsync(PutSecretValueTarget, "PutSecretValue", body, cancellationToken).ConfigureAwait(false);
        return answer.RootElement.TryGetProperty("VersionId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : token;
    }

    /// <summary>UpdateSecretVersionStage: moves <paramref name="stage"/> to <paramref name="moveTo"/> (or removes it) from <paramref name="removeFrom"/>.</summary>
    internal async Task UpdateStageAsync(string stage, string? moveTo, string? removeFrom, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteString(SecretIdField, _secretId);
            w.WriteString("VersionStage", stage);
            if (moveTo is not null)
            {
                w.WriteString("MoveToVersionId", moveTo);
            }

            if (removeFrom is not null)
            {
                w.WriteString("RemoveFromVersionId", removeFrom);
            }
        });
        using var _ = await CallAsync(UpdateSecretVersionStageTarget, "UpdateSecretVersionStage", body, cancellationToken).ConfigureAwait(false);
    }

    private SecretsManagerClient EnsureClient() => _client ??= new SecretsManagerClient(
        _httpClient,
        AwsEndpointResolver.Resolve(_options, _environment, _prefix, AwsEndpointResolver.SdkRegion),
        _timeProvider,
        _options.MaxResponseBytes > 0 ? _options.MaxResponseBytes : 64 * 1024);

    private async Task<JsonDocument> CallAsync(string target, string action, byte[] body, CancellationToken cancellationToken)
    {
        var client = EnsureClient();
        var refreshed = false;
        while (true)
        {
            AwsErrorResponse error;
            try
            {
                var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
                using var request = await client.CreateSignedRequestAsync(credentials, target, body, cancellationToken).ConfigureAwait(false);
                var http = _httpClient();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var bytes = await HttpBodyReader.ReadCappedAsync(response.Content, _options.MaxResponseBytes > 0 ? _options.MaxResponseBytes : 64 * 1024, http.Timeout, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    try
                    {
                        return JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
                    }
                    catch (JsonException)
                    {
                        throw WriteFailed(action, "MalformedResponse", (int)response.StatusCode);
                    }
                }

                var headerType = response.Headers.TryGetValues(AwsErrorParser.ErrorTypeHeader, out var values) ? values.FirstOrDefault() : null;
                error = AwsErrorParser.Parse((int)response.StatusCode, bytes, headerType);
            }
            catch (InvalidDataException)
            {
                throw WriteFailed(action, "ResponseTooLarge", 0);
            }
            catch (AmazonClientException e)
            {
                throw _credentials.Unresolvable(e);
            }
            catch (HttpRequestException e)
            {
                throw new AwsErrorMapper(_secretId, _prefix, client.Endpoint.Region.SystemName).Unreachable(client.Endpoint, e);
            }

            _logger.RequestFailed(error.Code, error.StatusCode, _secretId);
            if (AwsErrorCodes.IsExpiredCredentials(error.Code) && !refreshed)
            {
                refreshed = true;
                _credentials.Invalidate();
                continue;
            }

            throw WriteFailed(action, error.Code.Length == 0 ? "HTTP " + error.StatusCode : error.Code, error.StatusCode, AwsErrorCodes.IsTransient(error));
        }
    }

    private CloudinaryCredentialException WriteFailed(string action, string code, int status, bool transient = false)
    {
        var denied = code is "AccessDeniedException" or "AccessDenied" || code.StartsWith("KMS", StringComparison.Ordinal);
        var hint = denied
            ? $" Grant secretsmanager:{action} on the secret's ARN (and kms:GenerateDataKey and kms:Decrypt on its customer-managed KMS key, if any)."
            : string.Empty;
        return new CloudinaryCredentialException(
            SourceName,
            denied ? CredentialFailureReason.AccessDenied : CredentialFailureReason.Unavailable,
            $"AWS Secrets Manager refused {action} on secret '{_secretId}' ({_prefix}SecretId): {code}"
            + (status > 0 ? $" (HTTP {status})." : ".") + hint,
            isTransient: transient);
    }

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
