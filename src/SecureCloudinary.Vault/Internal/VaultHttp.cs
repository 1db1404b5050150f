using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Sends requests to Vault's HTTP API: <c>/v1/</c> paths, <c>X-Vault-Request</c>, <c>X-Vault-Token</c> and
/// <c>X-Vault-Namespace</c> headers, a per-request timeout, a size-capped body, and bounded retries of transient
/// failures (412, 429, 5xx except 501, the KV upgrade 400, network errors and timeouts).
/// </summary>
internal sealed class VaultHttp
{
    private const string UpgradingMessage = "Upgrading from non-versioned to versioned data";

    /// <summary>The most redirects followed for one request (the official client follows one).</summary>
    private const int MaxRedirects = 2;
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly Func<HttpClient> _client;
    private readonly VaultCredentialSourceOptions _options;
    private readonly Uri _baseAddress;
    private readonly string? _namespace;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _prefix;

    public VaultHttp(Func<HttpClient> client, VaultCredentialSourceOptions options, TimeProvider time, ILogger logger, string prefix = "Cloudinary:Vault:")
    {
        _prefix = prefix;
        _client = client;
        _options = options;
        var address = options.Address ?? throw new InvalidOperationException("Cloudinary:Vault:Address is required.");
        _baseAddress = new Uri(address.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v1/");
        _namespace = string.IsNullOrWhiteSpace(options.Namespace) ? null : options.Namespace.Trim().Trim('/') + "/";
        _time = time;
        _logger = logger;
    }

    public static bool IsTransient(int statusCode) =>
        statusCode is 412 or 429 || (statusCode >= 500 && statusCode != 501);

    /// <summary>
    /// Sends a request, retrying transient failures, and returns the last response (possibly a transient status
    /// after the retries ran out). Network failures after the retries throw a transient Unavailable error.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The escaped path under <c>/v1/</c>.</param>
    /// <param name="token">The <c>X-Vault-Token</c>, or null.</param>
    /// <param name="body">A JSON body, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<VaultResponse> SendAsync(
        HttpMethod method, string path, string? token, byte[]? body, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string problem;
            Exception? failure = null;
            VaultResponse? response = null;
            try
            {
                response = await SendOnceAsync(method, path, token, body, cancellationToken).ConfigureAwait(false);
                if (!IsRetryable(response))
                {
                    return response;
                }

                problem = $"HTTP {response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                failure = e;
                problem = "connection failed";
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = e;
                problem = "timed out";
            }

            if (retry >= _options.MaxRetries)
            {
                if (response is not null)
                {
                    return response;
                }

                throw new CloudinaryCredentialException(
                    VaultCredentialSource.SourceName,
                    CredentialFailureReason.Unavailable,
                    $"Could not reach Vault at {_baseAddress.GetLeftPart(UriPartial.Authority)} ({problem}, {retry + 1} attempts). "
                    + "Check Cloudinary:Vault:Address (VAULT_ADDR) and the network.",
                    isTransient: true,
                    failure);
            }

            response?.Dispose();
            var delay = RetryBackoff.GetDelay(retry, _options.RetryDelay);
            _logger.Retrying(path, problem, retry + 1, _options.MaxRetries, (long)delay.TotalMilliseconds);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether the response is the KV engine's "upgrading to versioned data" 400, which passes.</summary>
    public static bool IsUpgrading(VaultResponse response) =>
        response.StatusCode == 400 && response.Errors.Any(e => e.Contains(UpgradingMessage, StringComparison.OrdinalIgnoreCase));

    private static bool IsRetryable(VaultResponse response) => IsTransient(response.StatusCode) || IsUpgrading(response);

    private async Task<VaultResponse> SendOnceAsync(
        HttpMethod method, string path, string? token, byte[]? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var uri = new Uri(_baseAddress, path);
        for (var hops = 0; ; hops++)
        {
            using var response = await SendToAsync(method, uri, token, body, timeout.Token).ConfigureAwait(false);
            if (RedirectTarget(response, uri, path, hops) is { } next)
            {
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    _logger.Redirected(path, (int)response.StatusCode, uri.GetLeftPart(UriPartial.Authority), next.GetLeftPart(UriPartial.Authority), hops + 1);
                }

                uri = next;
                continue;
            }

            return await ReadAsync(response, path, timeout.Token).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendToAsync(
        HttpMethod method, Uri uri, string? token, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("X-Vault-Request", "true");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Token", token);
        }

        if (_namespace is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Namespace", _namespace);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonType;
        }

        return await _client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The next hop of a standby redirect (301, 302, 307), or null when the response is not a redirect. Like the
    /// official client, the request (token and body included) is sent again to the <c>Location</c>, which may be
    /// another host (the active node); unlike it, at most <see cref="MaxRedirects"/> hops, only to the same scheme,
    /// and never to an address the <c>Address</c> rules would refuse. A redirect that is not followed is an
    /// Unavailable error naming the setting, never a rejected login.
    /// </summary>
    private Uri? RedirectTarget(HttpResponseMessage response, Uri from, string path, int hops)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 307))
        {
            if (status is >= 300 and < 400)
            {
                throw RedirectError(path, status, from, null, "Vault does not answer with this redirect status; check that the address points at Vault.", transient: false);
            }

            return null;
        }

        var location = response.Headers.Location;
        Uri? target = location is null ? null : location.IsAbsoluteUri ? location : new Uri(from, location);
        if (_options.DisableRedirects == true)
        {
            throw RedirectError(path, status, from, target,
                $"redirects are disabled ({_prefix}DisableRedirects / VAULT_DISABLE_REDIRECTS): point {_prefix}Address at the active node or a load balancer, or allow redirects.",
                transient: false);
        }

        if (target is null)
        {
            throw RedirectError(path, status, from, null, "the redirect has no usable Location header.", transient: true);
        }

        if (hops >= MaxRedirects)
        {
            throw RedirectError(path, status, from, target,
                $"more than {MaxRedirects} redirects in a row (a leader election in progress, or a redirect loop).", transient: true);
        }

        if (!string.Equals(target.Scheme, from.Scheme, StringComparison.OrdinalIgnoreCase)
            || !EndpointRules.IsHttpsOrLoopback(target)
            || !string.IsNullOrEmpty(target.UserInfo))
        {
            throw RedirectError(path, status, from, target,
                "the redirect changes the scheme (e.g. https to http) or names an address that is not allowed, so the token is not sent there.",
                transient: false);
        }

        return target;
    }

    private CloudinaryCredentialException RedirectError(string path, int status, Uri from, Uri? to, string why, bool transient)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            _logger.RedirectRefused(path, status, from.GetLeftPart(UriPartial.Authority), to?.GetLeftPart(UriPartial.Authority) ?? "(none)");
        }

        var where = to is null ? string.Empty : $" to {to.GetLeftPart(UriPartial.Authority)}";
        return new CloudinaryCredentialException(
            VaultCredentialSource.SourceName,
            CredentialFailureReason.Unavailable,
            $"Vault at {from.GetLeftPart(UriPartial.Authority)} ({_prefix}Address) answered {path} with HTTP {status}, a redirect{where} "
            + $"(an HA standby node points at the active node); it was not followed: {why}",
            isTransient: transient);
    }

    private async Task<VaultResponse> ReadAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await HttpBodyReader.ReadCappedAsync(response.Content, _options.MaxResponseBodyBytes, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new CloudinaryCredentialException(
                VaultCredentialSource.SourceName,
                CredentialFailureReason.Unavailable,
                $"Vault's response to {path} was larger than Cloudinary:Vault:MaxResponseBodyBytes ({_options.MaxResponseBodyBytes} bytes).",
                isTransient: true,
                e);
        }

        var status = (int)response.StatusCode;
        if (bytes.Length == 0)
        {
            return new VaultResponse(status, null);
        }

        try
        {
            return new VaultResponse(status, JsonDocument.Parse(bytes));
        }
        catch (JsonException)
        {
            // Not Vault's JSON (a proxy page, say). Keep the status; the body is not quoted anywhere.
            return new VaultResponse(status, null);
        }
    }
}
