using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Checks signed form requests and HTTP Basic requests against the emulator's keys and clock.</summary>
internal sealed class RequestAuthenticator(ApiKeyStore keys, TimeProvider timeProvider, TimeSpan signatureValidity)
{
    /// <summary>Authenticates an Upload API request (signature; Basic auth is also accepted, as by Cloudinary).</summary>
    public ApiKeyEntry AuthenticateSigned(IReadOnlyDictionary<string, string> fields, string? authorization, RequestInfo info)
    {
        ApiKeyEntry? basicEntry = null;
        if (!string.IsNullOrEmpty(authorization))
        {
            basicEntry = AuthenticateBasic(authorization, info);
            if (!fields.ContainsKey("signature"))
            {
                return basicEntry;
            }
        }

        var apiKey = fields.GetValueOrDefault("api_key");
        if (string.IsNullOrEmpty(apiKey))
        {
            throw EmulatorException.BadRequest("Must supply api_key");
        }

        info.ApiKey = apiKey;
        var entry = Resolve(apiKey);
        var signature = fields.GetValueOrDefault("signature");
        if (string.IsNullOrEmpty(signature))
        {
            throw EmulatorException.MissingParameter("signature");
        }

        var timestampText = fields.GetValueOrDefault("timestamp");
        if (string.IsNullOrEmpty(timestampText))
        {
            throw EmulatorException.MissingParameter("timestamp");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw EmulatorException.BadRequest("Invalid timestamp - expected Unix seconds");
        }

        if (!SignatureVerifier.Verify(fields, entry.ApiSecret, signature, out var stringToSign))
        {
            throw EmulatorException.Unauthorized($"Invalid Signature {signature}. String to sign - '{stringToSign}'.");
        }

        var reported = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        if (timeProvider.GetUtcNow() - reported > signatureValidity)
        {
            var text = reported.ToString("yyyy-MM-dd HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
            throw EmulatorException.BadRequest($"Stale request - reported time is {text} which is more than 1 hour ago");
        }

        return basicEntry ?? entry;
    }

    /// <summary>Authenticates an Admin API request with HTTP Basic <c>api_key:api_secret</c>.</summary>
    public ApiKeyEntry AuthenticateBasic(string? authorization, RequestInfo info)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            throw EmulatorException.Unauthorized("Must supply api_key");
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
        if (colon <= 0)
        {
            throw EmulatorException.Unauthorized("Invalid Basic authorization header");
        }

        var apiKey = decoded[..colon];
        info.ApiKey = apiKey;
        var entry = Resolve(apiKey);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]), Encoding.UTF8.GetBytes(entry.ApiSecret)))
        {
            throw EmulatorException.Unauthorized("api_secret mismatch");
        }

        return entry;
    }

    private ApiKeyEntry Resolve(string apiKey)
    {
        var entry = keys.Find(apiKey) ?? throw EmulatorException.Unauthorized($"Unknown API key {apiKey}");
        return entry.Enabled ? entry : throw EmulatorException.Unauthorized($"API key {apiKey} is disabled");
    }
}
