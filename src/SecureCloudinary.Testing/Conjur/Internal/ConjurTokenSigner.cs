using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SecureCloudinary.Testing.Conjur.Internal;

/// <summary>
/// Issues and verifies the emulator's access tokens, shaped like Conjur's v5 tokens:
/// <c>{"protected":b64,"payload":b64({sub,iat,exp}),"signature":b64url(HMAC-SHA256)}</c>. Written independently of
/// the client's token code. Verification follows Conjur's middleware: <c>Token token="…"</c> with quotes,
/// Base64 of the token JSON.
/// </summary>
internal sealed partial class ConjurTokenSigner
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private byte[] _key = RandomNumberGenerator.GetBytes(32);

    public ConjurTokenSigner(TimeProvider time, TimeSpan ttl)
    {
        _time = time;
        _ttl = ttl;
    }

    /// <summary>Replaces the signing key: every token issued so far stops verifying.</summary>
    public void Rotate() => _key = RandomNumberGenerator.GetBytes(32);

    public string Issue(string login)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"alg\":\"conjur.org/slosilo/v2\",\"kid\":\"emulator\"}"));
        var claims = JsonSerializer.Serialize(new Dictionary<string, object> { ["sub"] = login, ["iat"] = now, ["exp"] = now + (long)_ttl.TotalSeconds });
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(claims));
        var signature = Sign(header, payload);
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["protected"] = header, ["payload"] = payload, ["signature"] = signature });
    }

    /// <summary>Verifies an Authorization header; returns the login, or null with the rack middleware's message.</summary>
    public string? Verify(string? authorization, out string error)
    {
        error = "Authorization missing";
        if (string.IsNullOrEmpty(authorization))
        {
            return null;
        }

        var match = TokenHeader().Match(authorization);
        error = "Malformed authorization token";
        if (!match.Success)
        {
            return null;
        }

        try
        {
            var json = Convert.FromBase64String(string.Concat(match.Groups[1].Value.Where(c => !char.IsWhiteSpace(c))));
            using var token = JsonDocument.Parse(json);
            var header = token.RootElement.GetProperty("protected").GetString() ?? string.Empty;
            var payload = token.RootElement.GetProperty("payload").GetString() ?? string.Empty;
            var signature = token.RootElement.GetProperty("signature").GetString() ?? string.Empty;
            error = "Unauthorized: Invalid token";
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(header, payload)), Encoding.ASCII.GetBytes(signature)))
            {
                return null;
            }

            using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
            var exp = claims.RootElement.GetProperty("exp").GetInt64();
            if (_time.GetUtcNow().ToUnixTimeSeconds() >= exp)
            {
                return null;
            }

            return claims.RootElement.GetProperty("sub").GetString();
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private string Sign(string header, string payload)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(header + "." + payload));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    [GeneratedRegex("^Token token=\"(.*)\"", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TokenHeader();
}
