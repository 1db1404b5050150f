using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SecureCloudinary.Internal;

/// <summary>
/// Turns a Cloudinary error response into a <see cref="CloudinaryApiException"/>. The message is Cloudinary's
/// own (from <c>{"error":{"message"}}</c> or the <c>X-Cld-Error</c> header) with the API secret redacted;
/// HTML and other bodies are never copied into the message.
/// </summary>
internal static class CloudinaryErrorMapper
{
    internal const string Redacted = "[redacted]";
    private const int MaxMessageLength = 1000;

    public static CloudinaryApiException Map(HttpResponseMessage response, byte[]? body, string apiSecret, DateTimeOffset now)
    {
        var status = response.StatusCode;
        var message = ReadJsonMessage(body) ?? ReadHeader(response, "X-Cld-Error");
        message = message is null
            ? Generic(status, body is null)
            : Sanitize(message, apiSecret);
        return new CloudinaryApiException(status, message)
        {
            RequestId = ReadHeader(response, "X-Request-Id"),
            RetryAfter = ReadRetryAfter(response, now),
        };
    }

    /// <summary>Whether Cloudinary rejected the request's timestamp as too old (re-signing can fix it).</summary>
    public static bool IsStaleRequest(CloudinaryApiException exception) =>
        exception.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
        && exception.Message.StartsWith("Stale request", StringComparison.OrdinalIgnoreCase);

    /// <summary>Removes the secret and control characters, and bounds the length.</summary>
    public static string Sanitize(string message, string apiSecret)
    {
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
}
