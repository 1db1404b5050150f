using System.Globalization;
using System.Text;

namespace SecureCloudinary.Internal;

/// <summary>
/// Reads and writes <c>cloudinary://key:secret@cloud[/distribution][?query]</c>. Error messages say what is
/// wrong and never repeat any part of the input.
/// </summary>
internal static class CloudinaryUrlParser
{
    internal const string Scheme = "cloudinary://";
    private const string EnvPrefix = "CLOUDINARY_URL=";
    private const string Expected = "Expected cloudinary://<api_key>:<api_secret>@<cloud_name>.";

    public static CloudinaryCredentials? Parse(string input, out string error)
    {
        var text = Unwrap(input.AsSpan());
        if (text.IsEmpty)
        {
            error = "CLOUDINARY_URL is empty. " + Expected;
            return null;
        }

        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            error = "Invalid CLOUDINARY_URL scheme. Expecting to start with 'cloudinary://'.";
            return null;
        }

        var rest = text[Scheme.Length..];
        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? [] : rest[authorityEnd..];

        var at = authority.LastIndexOf('@');
        if (at < 0)
        {
            error = rest.Contains('@')
                ? "CLOUDINARY_URL's API key or secret contains '/', '?' or '#'; percent-encode it (%2F, %3F, %23)."
                : authority.Contains(':')
                    ? "CLOUDINARY_URL has no cloud name: add '@<cloud_name>' after the API secret. " + Expected
                    : "CLOUDINARY_URL has no API key or secret. " + Expected;
            return null;
        }

        var userInfo = authority[..at];
        var cloudName = authority[(at + 1)..];
        var colon = userInfo.IndexOf(':');
        var apiKey = Decode(colon < 0 ? userInfo : userInfo[..colon]);
        var apiSecret = colon < 0 ? string.Empty : Decode(userInfo[(colon + 1)..]);

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            error = "CLOUDINARY_URL has no API key. " + Expected;
            return null;
        }

        if (string.IsNullOrWhiteSpace(apiSecret))
        {
            error = "CLOUDINARY_URL has no API secret. " + Expected;
            return null;
        }

        if (cloudName.IsEmpty)
        {
            error = "CLOUDINARY_URL has no cloud name. " + Expected;
            return null;
        }

        if (!IsValidCloudName(cloudName))
        {
            error = "CLOUDINARY_URL has an invalid cloud name: only letters, digits, '-' and '_' are allowed.";
            return null;
        }

        var settings = ParseTail(tail, out error);
        if (settings is null)
        {
            return null;
        }

        error = string.Empty;
        return new CloudinaryCredentials(cloudName.ToString(), apiKey, apiSecret, settings);
    }

    public static string Format(CloudinaryCredentials credentials)
    {
        var s = credentials.Settings;
        var builder = new StringBuilder(Scheme)
            .Append(Uri.EscapeDataString(credentials.ApiKey)).Append(':')
            .Append(Uri.EscapeDataString(credentials.ApiSecret)).Append('@')
            .Append(credentials.CloudName);
        var query = new List<string>();
        Add(query, "upload_prefix", s.UploadPrefix?.OriginalString);
        Add(query, "secure_distribution", s.SecureDistribution);
        Add(query, "private_cdn", Bool(s.PrivateCdn));
        Add(query, "cname", s.CName);
        Add(query, "signature_algorithm", s.SignatureAlgorithm switch
        {
            SignatureAlgorithm.Sha1 => "sha1",
            SignatureAlgorithm.Sha256 => "sha256",
            _ => null,
        });
        Add(query, "signature_version", s.SignatureVersion?.ToString(CultureInfo.InvariantCulture));
        Add(query, "long_url_signature", Bool(s.LongUrlSignature));
        Add(query, "secure", Bool(s.Secure));
        Add(query, "cdn_subdomain", Bool(s.CdnSubdomain));
        Add(query, "secure_cdn_subdomain", Bool(s.SecureCdnSubdomain));
        Add(query, "api_proxy", s.ApiProxy?.OriginalString);
        if (query.Count > 0)
        {
            builder.Append('?').AppendJoin('&', query);
        }

        return builder.ToString();

        static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };

        static void Add(List<string> query, string key, string? value)
        {
            if (value is not null)
            {
                query.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
    }

    // Tolerates what people paste: white space, a leading CLOUDINARY_URL= (from the console or a .env line) and
    // matching quotes or backticks around the value, the whole line, or both.
    private static ReadOnlySpan<char> Unwrap(ReadOnlySpan<char> text)
    {
        text = StripQuotes(text.Trim());
        if (text.StartsWith(EnvPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = StripQuotes(text[EnvPrefix.Length..].Trim());
        }

        return text;

        static ReadOnlySpan<char> StripQuotes(ReadOnlySpan<char> text)
        {
            while (text.Length >= 2 && IsQuote(text[0]) && text[^1] == text[0])
            {
                text = text[1..^1].Trim();
            }

            return text;
        }

        static bool IsQuote(char c) => c is '"' or '\'' or '`';
    }

    private static string Decode(ReadOnlySpan<char> value) =>
        value.Contains('%') ? Uri.UnescapeDataString(value.ToString()) : value.ToString();

    internal static bool IsValidCloudName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static CloudinaryUrlSettings? ParseTail(ReadOnlySpan<char> tail, out string error)
    {
        error = string.Empty;
        var settings = CloudinaryUrlSettings.Empty;
        var hash = tail.IndexOf('#');
        if (hash >= 0)
        {
            tail = tail[..hash];
        }

        var q = tail.IndexOf('?');
        var path = q < 0 ? tail : tail[..q];
        var query = q < 0 ? [] : tail[(q + 1)..];
        var distribution = path.TrimStart('/');
        if (!distribution.IsEmpty)
        {
            settings = settings with { SecureDistribution = Decode(distribution), PrivateCdn = true };
        }

        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            var next = Apply(settings, key, value);
            if (next is null)
            {
                error = $"CLOUDINARY_URL query parameter '{Describe(key)}' has an invalid value.";
                return null;
            }

            settings = next;
        }

        return settings;
    }

    // Only the names of recognised keys are echoed; anything else is reported generically.
    private static string Describe(string key) => IsKnownKey(key) ? key : "(unrecognised)";

    private static bool IsKnownKey(string key) => key is "upload_prefix" or "secure_distribution" or "private_cdn"
        or "cname" or "signature_algorithm" or "signature_version" or "long_url_signature" or "secure"
        or "cdn_subdomain" or "secure_cdn_subdomain" or "api_proxy";

    private static CloudinaryUrlSettings? Apply(CloudinaryUrlSettings s, string key, string value)
    {
        switch (key)
        {
            case "upload_prefix":
                return TryAbsoluteHttpUri(value, out var prefix) ? s with { UploadPrefix = prefix } : null;
            case "api_proxy":
                return TryAbsoluteHttpUri(value, out var proxy) ? s with { ApiProxy = proxy } : null;
            case "secure_distribution":
                return value.Length == 0 ? s : s with { SecureDistribution = value };
            case "cname":
                return value.Length == 0 ? s : s with { CName = value };
            case "private_cdn":
                return TryBool(value, out var privateCdn) ? s with { PrivateCdn = privateCdn } : null;
            case "long_url_signature":
                return TryBool(value, out var longSig) ? s with { LongUrlSignature = longSig } : null;
            case "secure":
                return TryBool(value, out var secure) ? s with { Secure = secure } : null;
            case "cdn_subdomain":
                return TryBool(value, out var cdn) ? s with { CdnSubdomain = cdn } : null;
            case "secure_cdn_subdomain":
                return TryBool(value, out var secureCdn) ? s with { SecureCdnSubdomain = secureCdn } : null;
            case "signature_algorithm":
                return value.ToUpperInvariant() switch
                {
                    "SHA1" => s with { SignatureAlgorithm = SignatureAlgorithm.Sha1 },
                    "SHA256" => s with { SignatureAlgorithm = SignatureAlgorithm.Sha256 },
                    _ => null,
                };
            case "signature_version":
                return value is "1" or "2" ? s with { SignatureVersion = value[0] - '0' } : null;
            default:
                return s; // Unknown keys are ignored, as the official SDKs do.
        }
    }

    private static bool TryAbsoluteHttpUri(string value, out Uri? uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool TryBool(string value, out bool result)
    {
        switch (value.ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES":
                result = true;
                return true;
            case "FALSE" or "0" or "NO":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }
}
