using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using SecureCloudinary.Internal;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// The Secrets Manager JSON 1.1 call this package needs: <c>GetSecretValue</c>, signed with AWSSDK.Core's SigV4
/// signer at the <see cref="TimeProvider"/>'s time, the answer read with a size cap.
/// </summary>
internal sealed class SecretsManagerClient
{
    public const string ServiceName = "secretsmanager";
    public const string GetSecretValueTarget = "secretsmanager.GetSecretValue";
    public const string JsonContentType = "application/x-amz-json-1.1";

    /// <summary>The code given to a 3xx answer.</summary>
    public const string RedirectCode = "Redirect";

    private readonly Func<HttpClient> _httpClient;
    private readonly AwsEndpoint _endpoint;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxResponseBytes;
    private long _clockOffsetTicks;

    public SecretsManagerClient(Func<HttpClient> httpClient, AwsEndpoint endpoint, TimeProvider timeProvider, int maxResponseBytes)
    {
        _httpClient = httpClient;
        _endpoint = endpoint;
        _timeProvider = timeProvider;
        _maxResponseBytes = maxResponseBytes;
    }

    public AwsEndpoint Endpoint => _endpoint;

    /// <summary>
    /// The correction added to the local clock when signing for this endpoint: the server's <c>Date</c> minus local
    /// time, learned from a clock-skew error (as the AWS SDK keeps one per endpoint).
    /// </summary>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    /// <summary>Local time plus <see cref="ClockOffset"/>.</summary>
    public DateTimeOffset CorrectedNow => _timeProvider.GetUtcNow() + ClockOffset;

    /// <summary>The local clock.</summary>
    public DateTimeOffset LocalNow => _timeProvider.GetUtcNow();

    /// <summary>The request body for GetSecretValue.</summary>
    public static byte[] GetSecretValueBody(string secretId, string? versionId, string? versionStage)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("SecretId", secretId);
            if (versionId is not null)
            {
                writer.WriteString("VersionId", versionId);
            }

            if (versionStage is not null)
            {
                writer.WriteString("VersionStage", versionStage);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Calls GetSecretValue. Returns the value, or the error the service answered with.</summary>
    /// <exception cref="HttpRequestException">The endpoint could not be reached.</exception>
    /// <exception cref="InvalidDataException">The response body is larger than the cap.</exception>
    /// <exception cref="AmazonClientException">AWSSDK.Core could not resolve the credentials while signing.</exception>
    public async Task<(SecretValue? Value, AwsErrorResponse? Error)> GetSecretValueAsync(
        AWSCredentials credentials, byte[] body, CancellationToken cancellationToken)
    {
        var signedAt = CorrectedNow;
        using var request = await CreateSignedRequestAsync(credentials, GetSecretValueTarget, body, signedAt, cancellationToken).ConfigureAwait(false);
        var http = _httpClient();
        using var response = await http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        // HttpClient.Timeout stops at the headers; bound the body read by it too (a stalled body would hang the refresh).
        var bytes = await HttpBodyReader.ReadCappedAsync(response.Content, _maxResponseBytes, http.Timeout, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            // Automatic redirects are off: a 3xx is never followed (it would carry the session token and SecretId elsewhere).
            return (null, new AwsErrorResponse(status, RedirectCode) { SignedAt = signedAt, ServerDate = response.Headers.Date });
        }

        if (!response.IsSuccessStatusCode)
        {
            var headerType = response.Headers.TryGetValues(AwsErrorParser.ErrorTypeHeader, out var values) ? values.FirstOrDefault() : null;
            var serverDate = response.Headers.Date;
            return (null, AwsErrorParser.Parse(status, bytes, headerType) with
            {
                SignedAt = signedAt,
                ServerDate = serverDate,
                RetryAfter = RetryAfterOf(response, serverDate ?? LocalNow),
            });
        }

        var value = ParseSecretValue(bytes);
        return value is null ? (null, new AwsErrorResponse(status, "MalformedResponse")) : (value, null);
    }

    /// <summary>Builds and signs a POST to the service root (public for the signing tests).</summary>
    public Task<HttpRequestMessage> CreateSignedRequestAsync(
        AWSCredentials credentials, string target, byte[] body, CancellationToken cancellationToken) =>
        CreateSignedRequestAsync(credentials, target, body, CorrectedNow, cancellationToken);

    /// <summary>Builds and signs a POST to the service root for the given signing time.</summary>
    public async Task<HttpRequestMessage> CreateSignedRequestAsync(
        AWSCredentials credentials, string target, byte[] body, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = _endpoint.ServiceUrl,
            Content = body,
        };
        signing.Headers["Content-Type"] = JsonContentType;
        signing.Headers["X-Amz-Target"] = target;
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = _endpoint.Region,
            Service = ServiceName,
            SignedAt = signedAt.UtcDateTime,
        };
        var signed = await AWSSigV4Signer.SignAsync(signing, parameters, cancellationToken).ConfigureAwait(false);

        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.ServiceUrl)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(JsonContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Parses a GetSecretValue answer; null when it is not the expected JSON.</summary>
    internal static SecretValue? ParseSecretValue(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? versionId = null, text = null;
            byte[]? binary = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("SecretString") ? 1
                    : reader.ValueTextEquals("SecretBinary") ? 2
                    : reader.ValueTextEquals("VersionId") ? 3
                    : 0;
                reader.Read();
                if (field != 0 && reader.TokenType == JsonTokenType.String)
                {
                    switch (field)
                    {
                        case 1: text = reader.GetString(); break;
                        case 2: binary = reader.GetBytesFromBase64(); break;
                        default: versionId = reader.GetString(); break;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (text is null && binary is not null)
            {
                try
                {
                    text = Strict.GetString(binary);
                }
                catch (DecoderFallbackException)
                {
                    return new SecretValue(versionId, string.Empty, BinaryNotText: true);
                }
            }

            return new SecretValue(versionId, text ?? string.Empty);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
