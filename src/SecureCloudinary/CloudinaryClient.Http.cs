using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SecureCloudinary.Internal;

namespace SecureCloudinary;

public partial class CloudinaryClient
{
    private static readonly Uri DefaultApiBaseAddress = new("https://api.cloudinary.com");

    /// <summary>Reads the current credentials; called once per operation, never cached.</summary>
    private async ValueTask<CloudinaryCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _credentials.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Credentials;
    }

    /// <summary>Options first, then the credentials' <c>upload_prefix</c>, then Cloudinary's API host; HTTPS unless loopback.</summary>
    private Uri ResolveBaseAddress(CloudinaryCredentials credentials)
    {
        var (address, setting) = _options.ApiBaseAddress is { } configured
            ? (configured, "Cloudinary:ApiBaseAddress")
            : credentials.Settings.UploadPrefix is { } prefix
                ? (prefix, "The upload_prefix of the Cloudinary credentials")
                : (DefaultApiBaseAddress, "Cloudinary:ApiBaseAddress");
        EndpointRules.EnsureHttpsOrLoopback(address, setting);
        return address;
    }

    /// <summary>Builds <c>{base}/v1_1/{cloud}/{path}</c>.</summary>
    private static Uri BuildApiUri(Uri baseAddress, CloudinaryCredentials credentials, string path) =>
        new(string.Concat(
            baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/'),
            "/v1_1/",
            Uri.EscapeDataString(credentials.CloudName),
            "/",
            path));

    private SignatureAlgorithm ResolveAlgorithm(CloudinaryCredentials credentials) =>
        _options.SignatureAlgorithm ?? credentials.Settings.SignatureAlgorithm ?? SignatureAlgorithm.Sha1;

    private static AuthenticationHeaderValue BasicAuth(CloudinaryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ApiKey + ":" + credentials.ApiSecret)));

    private long UnixTimestamp() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// Sends a request built by <paramref name="build"/> (given a fresh timestamp), reads the capped body and
    /// deserializes it. A "Stale request" answer is retried once with a new timestamp when <paramref name="replayable"/>.
    /// </summary>
    private async Task<T> SendAsync<T>(
        string operation,
        CloudinaryCredentials credentials,
        Func<long, HttpRequestMessage> build,
        bool replayable,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build(UnixTimestamp());
            var host = request.RequestUri!.Host;
            LogSending(_logger, operation, host, credentials.CloudName, credentials.Fingerprint);
            using var response = await SendCoreAsync(request, operation, host, cancellationToken).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, operation, host, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                if (body is null)
                {
                    throw new CloudinaryApiException(
                        response.StatusCode,
                        $"Cloudinary's {operation} response exceeded the limit of {_options.MaxResponseBodyBytes} bytes (Cloudinary:MaxResponseBodyBytes).");
                }

                LogSucceeded(_logger, operation, (int)response.StatusCode);
                return Deserialize(body, typeInfo, response, operation);
            }

            var error = CloudinaryErrorMapper.Map(response, body, credentials.ApiSecret, _timeProvider.GetUtcNow());
            if (attempt == 1 && replayable && CloudinaryErrorMapper.IsStaleRequest(error))
            {
                LogStaleRetry(_logger, operation);
                continue;
            }

            LogFailed(_logger, operation, (int)response.StatusCode, credentials.Fingerprint);
            throw error;
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, string operation, string host, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            LogTransportFailed(_logger, operation, host, ex.HttpRequestError.ToString());
            throw new CloudinaryApiException(null, $"Could not reach Cloudinary at {host} ({ex.HttpRequestError}).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogTransportFailed(_logger, operation, host, "Timeout");
            throw new CloudinaryApiException(null, $"The request to Cloudinary at {host} timed out.", ex);
        }
    }

    /// <summary>Reads the body with the size cap; null when the body was too large.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, string operation, string host, CancellationToken cancellationToken)
    {
        try
        {
            return await HttpBodyReader.ReadCappedAsync(response.Content, _options.MaxResponseBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            LogBodyTooLarge(_logger, operation, _options.MaxResponseBodyBytes);
            return null;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogTransportFailed(_logger, operation, host, "ResponseRead");
            throw new CloudinaryApiException(response.StatusCode, $"Reading Cloudinary's response from {host} failed.", ex);
        }
    }

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo, HttpResponseMessage response, string operation)
    {
        try
        {
            if (body.Length > 0 && JsonSerializer.Deserialize(body, typeInfo) is { } result)
            {
                return result;
            }
        }
        catch (JsonException)
        {
            // Reported below without the body.
        }

        throw new CloudinaryApiException(response.StatusCode, $"Cloudinary's {operation} response was not the expected JSON.");
    }
}
