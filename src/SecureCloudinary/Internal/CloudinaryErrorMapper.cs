using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecureCloudinary.Models;

namespace SecureCloudinary.Internal;

/// <summary>
/// Turns a Cloudinary error response into a <see cref="CloudinaryApiException"/>. The message is Cloudinary's
/// own (from <c>{"error":{"message"}}</c> or the <c>X-Cld-Error</c> header) with the API secret redacted;
/// HTML and other bodies are never copied into the message.
/// </summary>
internal static partial class CloudinaryErrorMapper
{
    /// <summary>Replaces Cloudinary's "Invalid Signature &lt;sig&gt;. String to sign - '…'" (neither goes into messages).</summary>
    internal const string InvalidSignatureHint =
        "Invalid Signature: the signature did not match; check the API secret (and that the key and secret belong together).";

    internal const string Redacted = "[redacted]";
    private const int MaxMessageLength = 1000;

    public static CloudinaryApiException Map(
        HttpResponseMessage response, byte[]? body, string apiSecret, DateTimeOffset now, CloudinaryRateLimit? rateLimit = null)
    {
        var status = response.StatusCode;
        var message = ReadJsonMessage(body) ?? ReadHeader(response, "X-Cld-Error");
        message = message is null
            ? Generic(status, body is null)
            : Sanitize(message, apiSecret);
        var requestId = ReadHeader(response, "X-Request-Id");
        var retryAfter = ReadRetryAfter(response, now);
        if ((int)status is 420 or 429)
        {
            return new CloudinaryRateLimitedException(status, message)
            {
                RequestId = requestId,
                RetryAfter = retryAfter,
                RateLimit = rateLimit,
            };
        }

        return new CloudinaryApiException(status, message)
        {
            RequestId = requestId,
            RetryAfter = retryAfter,
            RateLimit = rateLimit,
        };
    }

    /// <summary>The <c>X-FeatureRateLimit-Limit/-Remaining/-Reset</c> headers, or null when none is present.</summary>
    public static CloudinaryRateLimit? ReadRateLimit(HttpResponseMessage response)
    {
        var headers = response.Headers;
        int? limit = ReadInt(headers, "X-FeatureRateLimit-Limit");
        int? remaining = ReadInt(headers, "X-FeatureRateLimit-Remaining");
        DateTimeOffset? reset = headers.TryGetValues("X-FeatureRateLimit-Reset", out var values)
            && DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : null;
        return limit is null && remaining is null && reset is null
            ? null
            : new CloudinaryRateLimit { Limit = limit, Remaining = remaining, Reset = reset };

        static int? ReadInt(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
    }

    /// <summary>Whether Cloudinary rejected the request's timestamp as too old (re-signing can fix it).</summary>
    public static bool IsStaleRequest(CloudinaryApiException exception) =>
        exception.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
        && exception.Message.StartsWith("Stale request", StringComparison.OrdinalIgnoreCase);

    /// <summary>Removes the secret and control characters, and bounds the length.</summary>
    public static string Sanitize(string message, string apiSecret)
    {
        // Cloudinary echoes the signature it got and the string it signed; neither belongs in a message or a log.
        if (message.StartsWith("Invalid Signature", StringComparison.OrdinalIgnoreCase))
        {
            return InvalidSignatureHint;
        }

        var stringToSign = message.IndexOf("String to sign", StringComparison.OrdinalIgnoreCase);
        if (stringToSign >= 0)
        {
            message = string.Concat(message.AsSpan(0, stringToSign).TrimEnd(), " (string to sign removed)");
        }

        message = HexDigest().Replace(message, "[signature]");
        if (apiSecret.Length > 0 && message.Contains(apiSecret, StringComparison.Ordinal))
        {
            message = message.Replace(apiSecret, Redacted, StringComparison.Ordinal);
        }

        if (message.Length > MaxMessageLength)
        {
            message = string.Concat(message.AsSpan(0, MaxMessageLength), "…");
        }

        return string.Create(message.Length, message, static (span, m) =>
        {
            for (var i = 0; i < m.Length; i++)
            {
                span[i] = char.IsControl(m[i]) ? ' ' : m[i];
            }
        });
    }

    private static string Generic(HttpStatusCode status, bool bodyTooLarge) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Cloudinary answered HTTP {(int)status} ({status}) {(bodyTooLarge ? "with a response body over the size limit" : "without an error message")}.");

    private static string? ReadJsonMessage(byte[]? body)
    {
        if (body is null || body.Length == 0 || body[0] is not ((byte)'{' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object
                    && error.TryGetProperty("message", out var message)
                    && message.ValueKind == JsonValueKind.String)
                {
                    return NullIfEmpty(message.GetString());
                }

                if (error.ValueKind == JsonValueKind.String)
                {
                    return NullIfEmpty(error.GetString());
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: fall back to the header or a generic message.
        }

        return null;
    }

    private static string? ReadHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? NullIfEmpty(string.Join(", ", values)) : null;

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A SHA-1 or SHA-256 hex digest as a word: how a signature appears in a message.</summary>
    [GeneratedRegex(@"\b(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{40})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HexDigest();
}
