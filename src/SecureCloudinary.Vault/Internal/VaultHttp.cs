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
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly Func<HttpClient> _client;
    private readonly VaultCredentialSourceOptions _options;
    private readonly Uri _baseAddress;
    private readonly string? _namespace;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public VaultHttp(Func<HttpClient> client, VaultCredentialSourceOptions options, TimeProvider time, ILogger logger)
    {
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
        using var request = new HttpRequestMessage(method, new Uri(_baseAddress, path));
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

        using var response = await _client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
            .ConfigureAwait(false);
        byte[] bytes;
        try
        {
            bytes = await HttpBodyReader.ReadCappedAsync(response.Content, _options.MaxResponseBodyBytes, timeout.Token)
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
