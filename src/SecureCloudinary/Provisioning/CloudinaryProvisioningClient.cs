using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Provisioning;

/// <summary>
/// A small client of Cloudinary's Provisioning (Account) API for key rotation: lists product environments and
/// their access keys, generates, enables, disables, renames and deletes keys
/// (<c>{base}/v1_1/provisioning/accounts/{account_id}/sub_accounts/…</c>, HTTP Basic with the provisioning key and
/// secret). The Provisioning API is available to Enterprise accounts on request. Redirects are refused (the
/// Authorization header must not travel to another host), every answer is read with a size cap, and error
/// messages never contain a secret.
/// </summary>
public sealed class CloudinaryProvisioningClient
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client the CLI and DI registrations use.</summary>
    public const string HttpClientName = "SecureCloudinary.Provisioning";

    /// <summary>
    /// The most pages <see cref="ListAccessKeysAsync"/> asks for (the Provisioning API's own limit is 100 pages): a
    /// listing that still says there is more after that many pages fails instead of asking for ever.
    /// </summary>
    public const int MaxAccessKeyPages = 100;

    /// <summary>Keys asked for per page; the server may answer fewer.</summary>
    private const int AccessKeyPageSize = 100;

    private static readonly Uri DefaultBaseAddress = new("https://api.cloudinary.com");
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _httpClient;
    private readonly CloudinaryAccountCredentials _account;
    private readonly string _root;
    private readonly int _maxResponseBodyBytes;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the client.</summary>
    /// <param name="httpClient">
    /// The HTTP client. Give it a handler that does not follow redirects (<c>AllowAutoRedirect = false</c>); a
    /// redirect answer is reported as an error either way.
    /// </param>
    /// <param name="account">The provisioning credentials.</param>
    /// <param name="apiBaseAddress">The API host (<c>Cloudinary:ApiBaseAddress</c>); <c>https://api.cloudinary.com</c> when null. HTTPS unless loopback.</param>
    /// <param name="maxResponseBodyBytes">The largest answer read, in bytes (default 1 MiB).</param>
    /// <param name="timeProvider">The clock for <c>Retry-After</c>; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="InvalidOperationException">The base address is not HTTPS and not loopback (the message names <c>Cloudinary:ApiBaseAddress</c>).</exception>
    public CloudinaryProvisioningClient(
        HttpClient httpClient,
        CloudinaryAccountCredentials account,
        Uri? apiBaseAddress = null,
        int maxResponseBodyBytes = 1024 * 1024,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResponseBodyBytes);
        var baseAddress = apiBaseAddress ?? DefaultBaseAddress;
        EndpointRules.EnsureHttpsOrLoopback(baseAddress, "Cloudinary:ApiBaseAddress");
        _httpClient = httpClient;
        _account = account;
        _maxResponseBodyBytes = maxResponseBodyBytes;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _root = string.Concat(
            baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/'),
            "/v1_1/provisioning/accounts/",
            Uri.EscapeDataString(account.AccountId),
            "/");
    }

    /// <summary>The account the client manages.</summary>
    public string AccountId => _account.AccountId;

    /// <summary>Lists the account's product environments (<c>GET sub_accounts</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The product environments.</returns>
    /// <exception cref="CloudinaryApiException">The call failed (see <see cref="CloudinaryApiException.IsRateLimited"/>).</exception>
    public async Task<IReadOnlyList<ProvisioningSubAccount>> ListSubAccountsAsync(CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Get, "sub_accounts", null, "list product environments", cancellationToken).ConfigureAwait(false);
        var list = new List<ProvisioningSubAccount>();
        if (json.RootElement.TryGetProperty("sub_accounts", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                if (String(item, "id") is { } id && String(item, "cloud_name") is { } cloudName)
                {
                    list.Add(new ProvisioningSubAccount(id, String(item, "name"), cloudName, Bool(item, "enabled") ?? true));
                }
            }
        }

        return list;
    }

    /// <summary>Finds the product environment with a cloud name (case-insensitive).</summary>
    /// <param name="cloudName">The cloud name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The product environment, or null when the account has none with that cloud name.</returns>
    /// <exception cref="CloudinaryApiException">The call failed.</exception>
    public async Task<ProvisioningSubAccount?> FindSubAccountAsync(string cloudName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cloudName);
        var all = await ListSubAccountsAsync(cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(s => string.Equals(s.CloudName, cloudName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Lists a product environment's access keys (<c>GET sub_accounts/{id}/access_keys</c>), page by page
    /// (<c>page_size</c>, <c>page</c> from 1, until <c>total</c> keys are seen or a page brings no new key), at most
    /// <see cref="MaxAccessKeyPages"/> pages.
    /// </summary>
    /// <param name="subAccountId">The product environment id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys (with their secrets, as the API returns them), each once.</returns>
    /// <exception cref="CloudinaryApiException">A call failed, or the listing still had more after <see cref="MaxAccessKeyPages"/> pages.</exception>
    public async Task<IReadOnlyList<ProvisioningAccessKey>> ListAccessKeysAsync(string subAccountId, CancellationToken cancellationToken = default)
    {
        var path = KeysPath(subAccountId);
        var list = new List<ProvisioningAccessKey>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; page <= MaxAccessKeyPages; page++)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"?page_size={AccessKeyPageSize}&page={page}");
            using var json = await SendAsync(HttpMethod.Get, path + query, null, "list access keys", cancellationToken).ConfigureAwait(false);
            var added = 0;
            if (json.RootElement.TryGetProperty("access_keys", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (ReadKey(item) is { } key && seen.Add(key.ApiKey))
                    {
                        list.Add(key);
                        added++;
                    }
                }
            }

            // The end: nothing new on this page (an empty page, or one the server repeats), or every key counted.
            var total = json.RootElement.TryGetProperty("total", out var t) && t.TryGetInt64(out var n) ? n : (long?)null;
            if (added == 0 || (total is { } all && list.Count >= all))
            {
                return list;
            }
        }

        throw new CloudinaryApiException(HttpStatusCode.OK,
            $"Cloudinary's Provisioning API still listed more access keys after {MaxAccessKeyPages} pages of {AccessKeyPageSize}; "
            + "delete unused keys in the Console and try again.");
    }

    /// <summary>Generates a new access key (<c>POST sub_accounts/{id}/access_keys</c>).</summary>
    /// <param name="subAccountId">The product environment id.</param>
    /// <param name="name">The key's name (unique in the product environment; a duplicate gets HTTP 409), or null.</param>
    /// <param name="enabled">Whether the key starts enabled.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new key with its secret.</returns>
    /// <exception cref="CloudinaryApiException">The call failed (409 when the name exists).</exception>
    public async Task<ProvisioningAccessKey> GenerateAccessKeyAsync(
        string subAccountId, string? name = null, bool enabled = true, CancellationToken cancellationToken = default)
    {
        var body = Json(w =>
        {
            if (name is not null)
            {
                w.WriteString("name", name);
            }

            w.WriteBoolean("enabled", enabled);
        });
        using var json = await SendAsync(HttpMethod.Post, KeysPath(subAccountId), body, "generate an access key", cancellationToken).ConfigureAwait(false);
        return ReadKey(json.RootElement) ?? throw Malformed(HttpStatusCode.OK, "generate an access key");
    }

    /// <summary>Updates an access key (<c>PUT sub_accounts/{id}/access_keys/{api_key}</c>): enables or disables, renames, dedicates.</summary>
    /// <param name="subAccountId">The product environment id.</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="enabled">The new state, or null to leave it.</param>
    /// <param name="name">The new name, or null to leave it.</param>
    /// <param name="dedicatedFor">A purpose to dedicate the key to (<c>webhooks</c>), or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated key.</returns>
    /// <exception cref="CloudinaryApiException">The call failed (404 when there is no such key).</exception>
    public async Task<ProvisioningAccessKey> UpdateAccessKeyAsync(
        string subAccountId, string apiKey, bool? enabled = null, string? name = null, string? dedicatedFor = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var body = Json(w =>
        {
            if (name is not null)
            {
                w.WriteString("name", name);
            }

            if (enabled is { } e)
            {
                w.WriteBoolean("enabled", e);
            }

            if (dedicatedFor is not null)
            {
                w.WriteString("dedicated_for", dedicatedFor);
            }
        });
        using var json = await SendAsync(HttpMethod.Put, KeysPath(subAccountId) + "/" + Uri.EscapeDataString(apiKey), body, "update an access key", cancellationToken)
            .ConfigureAwait(false);
        return ReadKey(json.RootElement) ?? throw Malformed(HttpStatusCode.OK, "update an access key");
    }

    /// <summary>Deletes an access key (<c>DELETE sub_accounts/{id}/access_keys/{api_key}</c>).</summary>
    /// <param name="subAccountId">The product environment id.</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is deleted.</returns>
    /// <exception cref="CloudinaryApiException">The call failed.</exception>
    public async Task DeleteAccessKeyAsync(string subAccountId, string apiKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        using var _ = await SendAsync(HttpMethod.Delete, KeysPath(subAccountId) + "/" + Uri.EscapeDataString(apiKey), null, "delete an access key", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Deletes an access key by its name (<c>DELETE sub_accounts/{id}/access_keys?name=</c>).</summary>
    /// <param name="subAccountId">The product environment id.</param>
    /// <param name="name">The key's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is deleted.</returns>
    /// <exception cref="CloudinaryApiException">The call failed.</exception>
    public async Task DeleteAccessKeyByNameAsync(string subAccountId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var _ = await SendAsync(HttpMethod.Delete, KeysPath(subAccountId) + "?name=" + Uri.EscapeDataString(name), null, "delete an access key", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Describes the client without any secret.</summary>
    /// <returns>The account id.</returns>
    public override string ToString() => $"CloudinaryProvisioningClient {{ AccountId = {AccountId} }}";

    private static string KeysPath(string subAccountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subAccountId);
        return "sub_accounts/" + Uri.EscapeDataString(subAccountId) + "/access_keys";
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, byte[]? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_root + path));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_account.ProvisioningKey + ":" + _account.ProvisioningSecret)));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonType;
        }

        var host = request.RequestUri!.Host;
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CloudinaryApiException(null, $"Could not reach Cloudinary's Provisioning API at {host} to {what} ({ex.HttpRequestError}).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CloudinaryApiException(null, $"The Provisioning API request to {host} to {what} timed out.", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                throw new CloudinaryApiException(response.StatusCode,
                    $"Cloudinary's Provisioning API answered with a redirect (HTTP {status}) to {what}; redirects are not followed. Check Cloudinary:ApiBaseAddress.");
            }

            byte[] bytes;
            try
            {
                bytes = await HttpBodyReader.ReadCappedAsync(response.Content, _maxResponseBodyBytes, _httpClient.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw new CloudinaryApiException(response.StatusCode,
                    $"Cloudinary's Provisioning API answer to {what} exceeded the limit of {_maxResponseBodyBytes} bytes.", ex);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new CloudinaryApiException(response.StatusCode, $"Reading the Provisioning API's answer from {host} failed.", ex);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw MapError(response, bytes, what);
            }

            try
            {
                var json = JsonDocument.Parse(bytes);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return json;
                }

                json.Dispose();
            }
            catch (JsonException)
            {
                // Reported below without the body.
            }

            throw Malformed(response.StatusCode, what);
        }
    }

    private CloudinaryApiException MapError(HttpResponseMessage response, byte[] body, string what)
    {
        var mapped = CloudinaryErrorMapper.Map(response, body, _account.ProvisioningSecret, _timeProvider.GetUtcNow());
        var status = (int)response.StatusCode;
        var prefix = status switch
        {
            401 => "Cloudinary's Provisioning API rejected the provisioning key and secret (Cloudinary:Provisioning:AccountUrl or CLOUDINARY_ACCOUNT_URL)",
            403 => "The provisioning key may not " + what,
            409 => "An access key with that name already exists",
            420 or 429 => "Cloudinary's Provisioning API rate limit was reached" + (mapped.RetryAfter is { } wait ? $"; retry after {wait.TotalSeconds:0} s" : "; retry later"),
            _ => $"Cloudinary's Provisioning API could not {what}",
        };
        return new CloudinaryApiException(response.StatusCode, $"{prefix} (HTTP {status}): {mapped.Message}")
        {
            RequestId = mapped.RequestId,
            RetryAfter = mapped.RetryAfter,
        };
    }

    private static CloudinaryApiException Malformed(HttpStatusCode status, string what) =>
        new(status, $"Cloudinary's Provisioning API answer to {what} was not the expected JSON.");

    private static ProvisioningAccessKey? ReadKey(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || String(item, "api_key") is not { Length: > 0 } apiKey)
        {
            return null;
        }

        var dedicated = new List<string>();
        if (item.TryGetProperty("dedicated_for", out var d))
        {
            if (d.ValueKind == JsonValueKind.Array)
            {
                dedicated.AddRange(d.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }
            else if (d.ValueKind == JsonValueKind.String)
            {
                dedicated.Add(d.GetString()!);
            }
        }

        return new ProvisioningAccessKey(apiKey, String(item, "api_secret"), String(item, "name"), Bool(item, "enabled") ?? true)
        {
            Root = Bool(item, "root") ?? false,
            CreatedAt = Time(item, "created_at"),
            UpdatedAt = Time(item, "updated_at"),
            DedicatedFor = dedicated,
        };
    }

    private static string? String(JsonElement item, string name) => item.TryGetProperty(name, out var value) switch
    {
        true when value.ValueKind == JsonValueKind.String => value.GetString(),
        true when value.ValueKind == JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static bool? Bool(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static DateTimeOffset? Time(JsonElement item, string name) =>
        String(item, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
