using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// A Conjur access token: the <c>Authorization</c> header value (<c>Token token="&lt;base64 token JSON&gt;"</c>)
/// and when to refresh it. The lifetime is read from the token's <c>iat</c>/<c>exp</c> claims and anchored at
/// the local time it was received, so clock skew between us and Conjur does not matter; the token is refreshed
/// when 15 % of its lifetime (at least 30 s, at most half) is left. <see cref="ToString"/> never shows the token.
/// </summary>
internal sealed class ConjurAccessToken
{
    /// <summary>Conjur's default token lifetime, assumed when the token carries no usable claims.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(8);

    private static readonly TimeSpan MinimumMargin = TimeSpan.FromSeconds(30);

    private ConjurAccessToken(string headerValue, DateTimeOffset receivedAt, TimeSpan lifetime, object? stamp)
    {
        HeaderValue = headerValue;
        ReceivedAt = receivedAt;
        ExpiresAt = receivedAt + lifetime;
        var margin = TimeSpan.FromTicks(Math.Max(MinimumMargin.Ticks, lifetime.Ticks * 15 / 100));
        margin = TimeSpan.FromTicks(Math.Min(margin.Ticks, lifetime.Ticks / 2));
        RefreshAt = ExpiresAt - margin;
        Stamp = stamp;
    }

    /// <summary>The value of the <c>Authorization</c> header: <c>Token token="…"</c> (the quotes are required).</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string HeaderValue { get; }

    public DateTimeOffset ReceivedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    public DateTimeOffset RefreshAt { get; }

    /// <summary>What the issuer needs to tell whether the token's origin changed (e.g. the token file's time stamp).</summary>
    public object? Stamp { get; }

    /// <summary>Parses an authenticate response or token file: raw token JSON, or its Base64 encoding.</summary>
    /// <param name="body">The bytes received.</param>
    /// <param name="receivedAt">The local time the token was received.</param>
    /// <param name="stamp">See <see cref="Stamp"/>.</param>
    /// <returns>The token, or null when the bytes are not a Conjur token. The error never includes the bytes.</returns>
    public static ConjurAccessToken? TryParse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt, object? stamp = null)
    {
        var trimmed = body.Trim("\t\n\r "u8);
        if (trimmed.IsEmpty)
        {
            return null;
        }

        byte[] json;
        if (trimmed[0] == (byte)'{')
        {
            json = trimmed.ToArray();
        }
        else
        {
            json = TryDecodeBase64(trimmed) ?? [];
            if (json.Length == 0 || json[0] != (byte)'{')
            {
                return null;
            }
        }

        TimeSpan? lifetime;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            lifetime = ReadLifetime(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }

        var header = "Token token=\"" + Convert.ToBase64String(json) + "\"";
        return new ConjurAccessToken(header, receivedAt, lifetime ?? DefaultLifetime, stamp);
    }

    public bool NeedsRefresh(DateTimeOffset now) => now >= RefreshAt;

    public override string ToString() => $"ConjurAccessToken {{ ExpiresAt = {ExpiresAt:O} }}";

    private static TimeSpan? ReadLifetime(JsonElement token)
    {
        // v5 tokens: {"protected":…,"payload":"<base64 {sub,iat,exp}>","signature":…}.
        if (!token.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var decoded = TryDecodeBase64(Encoding.ASCII.GetBytes(payload.GetString() ?? string.Empty));
        if (decoded is null)
        {
            return null;
        }

        try
        {
            using var claims = JsonDocument.Parse(decoded);
            if (claims.RootElement.ValueKind == JsonValueKind.Object
                && claims.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var expSeconds)
                && claims.RootElement.TryGetProperty("iat", out var iat) && iat.TryGetInt64(out var iatSeconds)
                && expSeconds > iatSeconds)
            {
                return TimeSpan.FromSeconds(Math.Min(expSeconds - iatSeconds, (long)TimeSpan.FromHours(5).TotalSeconds));
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>Decodes standard or URL-safe Base64, with or without padding, ignoring line breaks.</summary>
    internal static byte[]? TryDecodeBase64(ReadOnlySpan<byte> text)
    {
        var chars = new char[text.Length + 3];
        var length = 0;
        foreach (var b in text)
        {
            switch (b)
            {
                case (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t':
                    continue;
                case (byte)'-':
                    chars[length++] = '+';
                    break;
                case (byte)'_':
                    chars[length++] = '/';
                    break;
                default:
                    chars[length++] = (char)b;
                    break;
            }
        }

        while (length % 4 != 0)
        {
            chars[length++] = '=';
        }

        var result = new byte[length / 4 * 3];
        return Convert.TryFromBase64Chars(chars.AsSpan(0, length), result, out var written) ? result[..written] : null;
    }
}
