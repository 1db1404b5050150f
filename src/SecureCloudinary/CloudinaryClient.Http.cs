using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SecureCloudinary.Internal;
using SecureCloudinary.Models;

namespace SecureCloudinary;

public partial class CloudinaryClient
{
    private static readonly Uri DefaultApiBaseAddress = new("https://api.cloudinary.com");

    /// <summary><c>SecureCloudinary/&lt;version&gt;</c>, sent with every request as the official SDKs send theirs.</summary>
    private static readonly ProductInfoHeaderValue UserAgent = new("SecureCloudinary", ProductVersion());

    /// <summary>The offset learnt from a "Stale request" answer of one endpoint; null until then.</summary>
    private ClockOffset? _clockOffset;

    private static string ProductVersion()
    {
        var assembly = typeof(CloudinaryClient).Assembly;
        var version = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), inherit: false) is
            [System.Reflection.AssemblyInformationalVersionAttribute informational, ..]
            ? informational.InformationalVersion
            : assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }

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
        var (address, setting) = ResolveEndpoint(credentials);
        EndpointRules.EnsureHttpsOrLoopback(address, setting);
        return address;
    }

    /// <summary>The API base address and the setting it comes from (named in errors about the endpoint).</summary>
    private (Uri Address, string Setting) ResolveEndpoint(CloudinaryCredentials credentials) =>
        _options.ApiBaseAddress is { } configured
            ? (configured, "Cloudinary:ApiBaseAddress")
            : credentials.Settings.UploadPrefix is { } prefix
                ? (prefix, "The upload_prefix of the Cloudinary credentials")
                : (DefaultApiBaseAddress, "Cloudinary:ApiBaseAddress");

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

    /// <summary>The signature timestamp for a request to <paramref name="credentials"/>' endpoint: the local clock plus the offset learnt from that endpoint's "Stale request" answer.</summary>
    private long UnixTimestamp(CloudinaryCredentials credentials) =>
        UnixTimestamp() + (Volatile.Read(ref _clockOffset) is { } offset
            && string.Equals(offset.Authority, ResolveEndpoint(credentials).Address.Authority, StringComparison.OrdinalIgnoreCase)
                ? offset.Seconds
                : 0);

    /// <summary>
    /// Sends a request built by <paramref name="build"/> (given the credentials and a fresh timestamp), reads the
    /// capped body and deserializes it. When <paramref name="replayable"/>: a "Stale request" answer is retried
    /// once with a new timestamp, and a 401 is retried once when the provider's forced refresh returned other
    /// credentials (the lease then holds them). A request that cannot be replayed still forces the refresh. With
    /// <paramref name="replayAfterRotation"/> false (chunks of a chunked upload) the lease takes the new credentials
    /// but the error is thrown, so the caller can restart the whole upload.
    /// </summary>
    private async Task<T> SendAsync<T>(
        string operation,
        CredentialLease lease,
        Func<CloudinaryCredentials, long, HttpRequestMessage> build,
        bool replayable,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken,
        bool replayAfterRotation = true)
    {
        using var activity = SecureCloudinaryTelemetry.ActivitySource.StartActivity(
            SecureCloudinaryTelemetry.CloudinarySpan(operation), ActivityKind.Client);
        activity?.SetTag("cloudinary.operation", operation);
        if (Account is not null)
        {
            activity?.SetTag(SecureCloudinaryTelemetry.AccountSpanAttribute, Account);
        }

        var staleRetried = false;
        var authRetried = false;
        CredentialSnapshot? rejected = null;
        while (true)
        {
            var credentials = lease.Credentials;
            using var request = build(credentials, UnixTimestamp(credentials));
            request.Headers.UserAgent.Add(UserAgent);
            var host = request.RequestUri!.Host;
            activity?.SetTag("cloudinary.cloud_name", credentials.CloudName);
            activity?.SetTag("cloudinary.key_fingerprint", credentials.Fingerprint);
            activity?.SetTag("server.address", host);
            LogSending(_logger, operation, host, credentials.CloudName, credentials.Fingerprint);

            // One deadline (HttpClient.Timeout) covers the headers and the whole body: a server that sends headers
            // and then nothing must not hold the caller for ever.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (_httpClient.Timeout != Timeout.InfiniteTimeSpan)
            {
                deadline.CancelAfter(_httpClient.Timeout);
            }

            using var response = await SendCoreAsync(request, operation, host, activity, deadline.Token, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                throw Redirected(response, operation, host, ResolveEndpoint(credentials).Setting, activity);
            }

            var body = await ReadBodyAsync(response, operation, host, deadline.Token, cancellationToken).ConfigureAwait(false);
            var rateLimit = CloudinaryErrorMapper.ReadRateLimit(response);
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
                var result = Deserialize(body, typeInfo, response, operation);
                AttachRateLimit(result, rateLimit);
                return result;
            }

            var error = CloudinaryErrorMapper.Map(response, body, credentials.ApiSecret, _timeProvider.GetUtcNow(), rateLimit);
            var stale = CloudinaryErrorMapper.IsStaleRequest(error);
            if (replayable && stale && !staleRetried)
            {
                staleRetried = true;
                LearnClockOffset(response, credentials, operation);
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
                    if (replayable && replayAfterRotation)
                    {
                        activity?.AddEvent(new ActivityEvent("retry.rotated_credentials"));
                        LogRotatedRetry(_logger, operation, credentials.Fingerprint, fresh.Credentials.Fingerprint);
                        continue;
                    }

                    if (!replayable)
                    {
                        LogRotatedNoReplay(_logger, operation, fresh.Credentials.Fingerprint);
                    }
                }
            }

            if (error.IsRateLimited)
            {
                LogRateLimited(_logger, operation, (int)response.StatusCode, error.RetryAfter?.TotalSeconds ?? -1);
            }

            LogFailed(_logger, operation, (int)response.StatusCode, credentials.Fingerprint);
            activity?.SetStatus(ActivityStatusCode.Error, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            throw error;
        }
    }

    private CloudinaryApiException Redirected(HttpResponseMessage response, string operation, string host, string setting, Activity? activity)
    {
        // The Location is not repeated: it is whatever the server chose to send.
        LogRedirectRefused(_logger, operation, host, (int)response.StatusCode);
        activity?.SetStatus(ActivityStatusCode.Error, "Redirect");
        return new CloudinaryApiException(
            response.StatusCode,
            string.Create(
                CultureInfo.InvariantCulture,
                $"Cloudinary's {operation} request to {host} was answered with a redirect (HTTP {(int)response.StatusCode}), which is not followed: credentials and signed requests go only to the configured endpoint. Check {setting}."))
        {
            RequestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? string.Join(", ", ids) : null,
        };
    }

    /// <summary>After a "Stale request": keeps the offset between Cloudinary's clock (the response <c>Date</c>) and ours for that endpoint.</summary>
    private void LearnClockOffset(HttpResponseMessage response, CloudinaryCredentials credentials, string operation)
    {
        if (response.Headers.Date is not { } serverNow)
        {
            return;
        }

        var seconds = serverNow.ToUnixTimeSeconds() - UnixTimestamp();
        Volatile.Write(ref _clockOffset, new ClockOffset(ResolveEndpoint(credentials).Address.Authority, seconds));
        LogClockOffset(_logger, operation, seconds);
    }

    private static void AttachRateLimit<T>(T result, CloudinaryRateLimit? rateLimit)
    {
        if (rateLimit is null)
        {
            return;
        }

        switch (result)
        {
            case PingResult ping:
                ping.RateLimit = rateLimit;
                break;
            case UsageResult usage:
                usage.RateLimit = rateLimit;
                break;
            case UploadResult upload:
                upload.RateLimit = rateLimit;
                break;
            case DestroyResult destroy:
                destroy.RateLimit = rateLimit;
                break;
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpRequestMessage request, string operation, string host, Activity? activity, CancellationToken deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline).ConfigureAwait(false);
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
    private async Task<byte[]?> ReadBodyAsync(
        HttpResponseMessage response, string operation, string host, CancellationToken deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await HttpBodyReader.ReadCappedAsync(response.Content, _options.MaxResponseBodyBytes, deadline).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            LogBodyTooLarge(_logger, operation, _options.MaxResponseBodyBytes);
            return null;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogTransportFailed(_logger, operation, host, "Timeout");
            throw new CloudinaryApiException(
                response.StatusCode,
                $"The request to Cloudinary at {host} timed out while reading the response (HttpClient.Timeout {_httpClient.Timeout.TotalSeconds:0.###} s).",
                ex);
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

    /// <summary>How far Cloudinary's clock at <paramref name="Authority"/> is ahead of ours, in seconds.</summary>
    private sealed record ClockOffset(string Authority, long Seconds);
}
