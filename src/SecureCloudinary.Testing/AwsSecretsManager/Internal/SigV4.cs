using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>
/// AWS Signature Version 4, written for the emulator from the published algorithm (independently of AWSSDK.Core,
/// which the client uses), so one bug cannot hide in both. Pure functions; checked against the official test suite.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";

    /// <summary>Builds the canonical request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="rawPath">The path as sent (percent-encoded).</param>
    /// <param name="rawQuery">The query as sent, without '?'.</param>
    /// <param name="headerValue">Returns the raw value(s) of a header (lower-case name), or null.</param>
    /// <param name="signedHeaders">The lower-case signed header names, sorted.</param>
    /// <param name="payloadHash">Hex SHA-256 of the body.</param>
    public static string CanonicalRequest(
        string method, string rawPath, string rawQuery, Func<string, string?> headerValue, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var sb = new StringBuilder(256);
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(rawPath)).Append('\n');
        sb.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            sb.Append(name).Append(':').Append(CanonicalHeaderValue(headerValue(name) ?? string.Empty)).Append('\n');
        }

        sb.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    /// <summary>Each path segment percent-decoded once and RFC 3986-encoded again (non-S3 rule).</summary>
    public static string CanonicalUri(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath) || rawPath == "/")
        {
            return "/";
        }

        var segments = rawPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Encode(Uri.UnescapeDataString(segments[i]));
        }

        return string.Join('/', segments);
    }

    /// <summary>Query parameters decoded, re-encoded, and sorted by name then value.</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            pairs.Add((Encode(Uri.UnescapeDataString(name)), Encode(Uri.UnescapeDataString(value))));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Trims the value and collapses runs of spaces into one.</summary>
    public static string CanonicalHeaderValue(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                if (!space)
                {
                    sb.Append(' ');
                }

                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }

        return sb.ToString();
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";

    public static string Scope(string date, string region, string service) => $"{date}/{region}/{service}/{Terminator}";

    public static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Terminator));
    }

    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static bool TryParseAmzDate(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
