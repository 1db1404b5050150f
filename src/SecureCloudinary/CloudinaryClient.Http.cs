using System.Diagnostics;
using System.Globalization;
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

    /// <summary>Reads the current snapshot into a lease the operation's requests share.</summary>
    private async ValueTask<CredentialLease> LeaseCredentialsAsync(CancellationToken cancellationToken) =>
        new(await _credentials.GetSnapshotAsync(cancellationToken).ConfigureAwait(false));

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
    /// Sends a request built by <paramref name="build"/> (given the credentials and a fresh timestamp), reads the
    /// capped body and deserializes it. When <paramref name="replayable"/>: a "Stale request" answer is retried
    /// once with a new timestamp, and a 401 is retried once when the provider's forced refresh returned other
    /// credentials (the lease then holds them). A request that cannot be replayed still forces the refresh.
    /// </summary>
    private async Task<T> SendAsync<T>(
        string operation,
        CredentialLease lease,
        Func<CloudinaryCredentials, long, HttpRequestMessage> build,
        bool replayable,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
    {
        using var activity = SecureCloudinaryTelemetry.ActivitySource.StartActivity(
            SecureCloudinaryTelemetry.CloudinarySpan(operation), ActivityKind.Client);
        activity?.SetTag("cloudinary.operation", operation);
        var staleRetried = false;
        var authRetried = false;
        CredentialSnapshot? rejected = null;
        while (true)
        {
            var credentials = lease.Credentials;
            using var request = build(credentials, UnixTimestamp());
            var host = request.RequestUri!.Host;
            activity?.SetTag("cloudinary.cloud_name", credentials.CloudName);
            activity?.SetTag("cloudinary.key_fingerprint", credentials.Fingerprint);
            activity?.SetTag("server.address", host);
            LogSending(_logger, operation, host, credentials.CloudName, credentials.Fingerprint);
            using var response = await SendCoreAsync(request, operation, host, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            var body = await ReadBodyAsync(response, operation, host, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                if (body is null)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, "ResponseTooLarge");
                    throw new CloudinaryApiException(
                        response.StatusCode,
                        $"Cloudinary's {operation} response exceeded the limit of {_options.MaxResponseBodyBytes} bytes (Cloudinary:MaxResponseBodyBytes).");
                }

                if (_credentials is CloudinaryCredentialProvider cache)
                {
                    // Tells the cache these credentials work; after a 401 (rejected) it may pin previous ones over a bad rotation.
                    cache.ReportAccepted(lease.Snapshot, rejected);
                }

                LogSucceeded(_logger, operation, (int)response.StatusCode);
                return Deserialize(body, typeInfo, response, operation);
            }

            var error = CloudinaryErrorMapper.Map(response, body, credentials.ApiSecret, _timeProvider.GetUtcNow());
            var stale = CloudinaryErrorMapper.IsStaleRequest(error);
            if (replayable && stale && !staleRetried)
            {
                staleRetried = true;
                activity?.AddEvent(new ActivityEvent("retry.stale_request"));
                LogStaleRetry(_logger, operation);
                continue;
            }

            if (error.IsAuthenticationFailure && !stale && !authRetried)
            {
                authRetried = true;
                var fresh = await _credentials.ForceRefreshAsync(lease.Snapshot, cancellationToken).ConfigureAwait(false);
                if (!fresh.Credentials.Equals(credentials))
                {
                    rejected = lease.Snapshot;
                    lease.Snapshot = fresh;
                    if (replayable)
                    {
                        activity?.AddEvent(new ActivityEvent("retry.rotated_credentials"));
                        LogRotatedRetry(_logger, operation, credentials.Fingerprint, fresh.Credentials.Fingerprint);
                        continue;
                    }

                    LogRotatedNoReplay(_logger, operation, fresh.Credentials.Fingerprint);
                }
            }

            LogFailed(_logger, operation, (int)response.StatusCode, credentials.Fingerprint);
            activity?.SetStatus(ActivityStatusCode.Error, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            throw error;
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpRequestMessage request, string operation, string host, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            LogTransportFailed(_logger, operation, host, ex.HttpRequestError.ToString());
            activity?.SetStatus(ActivityStatusCode.Error, ex.HttpRequestError.ToString());
            throw new CloudinaryApiException(null, $"Could not reach Cloudinary at {host} ({ex.HttpRequestError}).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogTransportFailed(_logger, operation, host, "Timeout");
            activity?.SetStatus(ActivityStatusCode.Error, "Timeout");
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
