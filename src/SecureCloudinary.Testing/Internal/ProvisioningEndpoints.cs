using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// The Provisioning (Account) API's product-environment and access-key endpoints under
/// <c>/v1_1/provisioning/accounts/{account_id}/</c>, with HTTP Basic auth by the provisioning key and secret. Keys
/// created here are the emulator's API keys: they sign uploads and ping at once, and a disabled one gets 401.
/// </summary>
internal sealed class ProvisioningEndpoints(EmulatorState state)
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly string[] SortFields = ["api_key", "created_at", "name", "enabled"];

    private ProvisioningState Provisioning => state.Provisioning;

    /// <summary>Handles <paramref name="segments"/> (the path after <c>/v1_1/provisioning/</c>).</summary>
    public async Task HandleAsync(HttpContext context, string[] segments, RequestInfo info)
    {
        if (segments.Length < 2 || segments[0] != "accounts")
        {
            throw new EmulatorException(HttpStatusCode.NotFound, "Resource not found");
        }

        Authenticate(context.Request.Headers.Authorization, info);
        if (!string.Equals(segments[1], Provisioning.AccountId, StringComparison.Ordinal))
        {
            throw new EmulatorException(HttpStatusCode.NotFound, "Account not found");
        }

        if (Provisioning.Faults.TryTake(out var fault))
        {
            throw new EmulatorException(fault, (int)fault is 420 or 429 ? "Rate Limit Exceeded" : $"Injected fault (HTTP {(int)fault})");
        }

        var method = context.Request.Method;
        switch (segments[2..])
        {
            case ["sub_accounts"] when HttpMethods.IsGet(method):
                await ListSubAccountsAsync(context).ConfigureAwait(false);
                break;
            case ["sub_accounts", var id] when HttpMethods.IsGet(method):
                RequireSubAccount(id);
                await JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, WriteSubAccount).ConfigureAwait(false);
                break;
            case ["sub_accounts", var id, "access_keys"]:
                RequireSubAccount(id);
                await AccessKeysAsync(context, method).ConfigureAwait(false);
                break;
            case ["sub_accounts", var id, "access_keys", var apiKey]:
                RequireSubAccount(id);
                await AccessKeyAsync(context, method, apiKey).ConfigureAwait(false);
                break;
            default:
                throw new EmulatorException(HttpStatusCode.NotFound, "Resource not found");
        }
    }

    private void Authenticate(string? authorization, RequestInfo info)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            throw EmulatorException.Unauthorized("Must supply provisioning key and secret (HTTP Basic)");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            throw EmulatorException.Unauthorized("Invalid Basic authorization header");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var key = colon < 0 ? decoded : decoded[..colon];
        info.ApiKey = key;
        var secret = colon < 0 ? string.Empty : decoded[(colon + 1)..];
        if (!string.Equals(key, Provisioning.Key, StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Provisioning.Secret)))
        {
            throw EmulatorException.Unauthorized("Invalid credentials");
        }
    }

    private void RequireSubAccount(string id)
    {
        if (!string.Equals(id, Provisioning.SubAccountId, StringComparison.Ordinal))
        {
            throw new EmulatorException(HttpStatusCode.NotFound, $"Product environment {id} not found");
        }
    }

    private Task ListSubAccountsAsync(HttpContext context) =>
        JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, w =>
        {
            w.WriteStartArray("sub_accounts");
            w.WriteStartObject();
            WriteSubAccount(w);
            w.WriteEndObject();
            w.WriteEndArray();
        });

    private void WriteSubAccount(Utf8JsonWriter w)
    {
        w.WriteString("cloud_name", state.CloudName);
        w.WriteString("name", state.CloudName);
        w.WriteBoolean("enabled", true);
        w.WriteString("id", Provisioning.SubAccountId);
        w.WriteString("created_at", Time(DateTimeOffset.UnixEpoch));
    }

    private async Task AccessKeysAsync(HttpContext context, string method)
    {
        if (HttpMethods.IsGet(method))
        {
            var keys = Sorted(state.Keys.All(), context.Request.Query);
            var pageSize = Number(context.Request.Query["page_size"], keys.Count == 0 ? 1 : keys.Count);
            if (Provisioning.PageSizeLimit > 0)
            {
                pageSize = Math.Min(pageSize, Provisioning.PageSizeLimit); // a server that pages whatever was asked
            }

            var page = Number(context.Request.Query["page"], 1);
            var shown = keys.Skip((int)Math.Min(int.MaxValue, (page - 1L) * pageSize)).Take(pageSize).ToList();
            var reportedTotal = Provisioning.ReportedTotal;
            if (reportedTotal is not null && shown.Count == 0 && keys.Count > 0)
            {
                // A hostile server always claims there is more: past the end it answers the last page again.
                shown = keys.Skip((keys.Count - 1) / pageSize * pageSize).Take(pageSize).ToList();
            }

            await JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, w =>
            {
                w.WriteStartArray("access_keys");
                foreach (var key in shown)
                {
                    w.WriteStartObject();
                    WriteKey(w, key);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("total", reportedTotal ?? keys.Count);
            }).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsPost(method))
        {
            var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            var now = state.TimeProvider.GetUtcNow();
            ApiKeyEntry entry;
            lock (Provisioning.Sync)
            {
                var name = body.Name ?? "key-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                EnsureUniqueName(name, except: null);
                entry = new ApiKeyEntry(ApiKeyStore.GenerateApiKey(), ApiKeyStore.GenerateSecret())
                {
                    Name = name,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Enabled = body.Enabled ?? true,
                };
                state.Keys.Add(entry);
            }

            await JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, w => WriteKey(w, entry)).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            var name = context.Request.Query["name"].ToString();
            if (name.Length == 0)
            {
                name = (await ReadBodyAsync(context.Request).ConfigureAwait(false)).Name ?? string.Empty;
            }

            if (name.Length == 0)
            {
                throw EmulatorException.MissingParameter("name");
            }

            lock (Provisioning.Sync)
            {
                var entry = state.Keys.All().FirstOrDefault(k => k.Name == name)
                    ?? throw new EmulatorException(HttpStatusCode.NotFound, $"Access key named {name} not found");
                state.Keys.Remove(entry.ApiKey);
            }

            await WriteOkAsync(context).ConfigureAwait(false);
            return;
        }

        throw new EmulatorException(HttpStatusCode.MethodNotAllowed, $"Method {method} not allowed");
    }

    private async Task AccessKeyAsync(HttpContext context, string method, string apiKey)
    {
        var entry = state.Keys.Find(apiKey) ?? throw new EmulatorException(HttpStatusCode.NotFound, $"Access key {apiKey} not found");
        if (HttpMethods.IsPut(method))
        {
            var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            lock (Provisioning.Sync)
            {
                if (body.Name is { } name)
                {
                    EnsureUniqueName(name, except: entry);
                    entry.Name = name;
                }

                if (body.Enabled is { } enabled)
                {
                    entry.Enabled = enabled;
                }

                if (body.DedicatedFor is { } purpose)
                {
                    if (purpose != "webhooks")
                    {
                        throw EmulatorException.BadRequest("dedicated_for must be webhooks");
                    }

                    // "This action replaces any previously assigned key."
                    foreach (var other in state.Keys.All().Where(k => k.DedicatedFor == purpose))
                    {
                        other.DedicatedFor = null;
                    }

                    entry.DedicatedFor = purpose;
                }

                entry.UpdatedAt = state.TimeProvider.GetUtcNow();
            }

            await JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, w => WriteKey(w, entry)).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            state.Keys.Remove(entry.ApiKey);
            await WriteOkAsync(context).ConfigureAwait(false);
            return;
        }

        throw new EmulatorException(HttpStatusCode.MethodNotAllowed, $"Method {method} not allowed");
    }

    private void EnsureUniqueName(string name, ApiKeyEntry? except)
    {
        if (state.Keys.All().Any(k => k.Name == name && !ReferenceEquals(k, except)))
        {
            throw new EmulatorException(HttpStatusCode.Conflict, "Already exists");
        }
    }

    private static List<ApiKeyEntry> Sorted(IReadOnlyList<ApiKeyEntry> keys, IQueryCollection query)
    {
        var by = query["sort_by"].ToString();
        if (by.Length > 0 && !SortFields.Contains(by))
        {
            throw EmulatorException.BadRequest("Invalid sort_by");
        }

        IEnumerable<ApiKeyEntry> sorted = by switch
        {
            "api_key" => keys.OrderBy(k => k.ApiKey, StringComparer.Ordinal),
            "name" => keys.OrderBy(k => k.Name, StringComparer.Ordinal),
            "enabled" => keys.OrderBy(k => k.Enabled),
            _ => keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.ApiKey, StringComparer.Ordinal),
        };
        return query["sort_order"].ToString() == "asc" ? [.. sorted] : [.. sorted.Reverse()];
    }

    private static int Number(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static void WriteKey(Utf8JsonWriter w, ApiKeyEntry key)
    {
        // The field order of the real API (asserted by cloudinary_npm's access_keys_spec).
        w.WriteString("name", key.Name);
        w.WriteString("api_key", key.ApiKey);
        w.WriteString("api_secret", key.ApiSecret);
        w.WriteString("created_at", Time(key.CreatedAt));
        w.WriteString("updated_at", Time(key.UpdatedAt));
        w.WriteBoolean("enabled", key.Enabled);
        w.WriteBoolean("root", key.Name == "default");
        if (key.DedicatedFor is { } purpose)
        {
            w.WriteStartArray("dedicated_for");
            w.WriteStringValue(purpose);
            w.WriteEndArray();
        }
    }

    private static Task WriteOkAsync(HttpContext context) =>
        JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, w => w.WriteString("message", "ok"));

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<KeyRequest> ReadBodyAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            return new KeyRequest(
                NullIfEmpty(form["name"]),
                bool.TryParse(form["enabled"], out var e) ? e : null,
                NullIfEmpty(form["dedicated_for"]));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new EmulatorException(HttpStatusCode.RequestEntityTooLarge, "Request body too large");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return new KeyRequest(null, null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray());
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw EmulatorException.BadRequest("The request body must be a JSON object");
            }

            return new KeyRequest(
                root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null,
                root.TryGetProperty("enabled", out var en) && en.ValueKind is JsonValueKind.True or JsonValueKind.False ? en.GetBoolean() : null,
                root.TryGetProperty("dedicated_for", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null);
        }
        catch (JsonException)
        {
            throw EmulatorException.BadRequest("The request body is not valid JSON");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record KeyRequest(string? Name, bool? Enabled, string? DedicatedFor);
}
