using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>
/// Checks a request's SigV4 <c>Authorization</c> header the way AWS does: known access key, scope (date, region,
/// service), clock skew, signed host/date/session token, payload hash, and the recomputed signature.
/// </summary>
internal sealed class SigV4Verifier
{
    private const string Service = "secretsmanager";
    private readonly string _region;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxSkew;
    private readonly Func<string, AwsIdentity?> _findIdentity;

    public SigV4Verifier(string region, TimeProvider timeProvider, TimeSpan maxSkew, Func<string, AwsIdentity?> findIdentity)
    {
        _region = region;
        _timeProvider = timeProvider;
        _maxSkew = maxSkew;
        _findIdentity = findIdentity;
    }

    /// <summary>Returns the caller's access key id, or throws the <see cref="AwsError"/> AWS would answer with.</summary>
    public (string AccessKeyId, IReadOnlyList<string> SignedHeaders) Verify(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            throw AwsError.Client("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var (credential, signedHeaders, signature) = ParseAuthorization(authorization);
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != SigV4.Terminator)
        {
            throw AwsError.Client("IncompleteSignature", "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
        }

        var identity = _findIdentity(scope[0]) ?? throw AwsError.UnrecognizedClient();
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!SigV4.TryParseAmzDate(amzDate, out var signedAt))
        {
            throw AwsError.Client("IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        CheckScope(scope, amzDate, signedHeaders);
        CheckSkew(amzDate, signedAt);
        CheckSessionToken(request, identity, signedHeaders);
        var payloadHash = SigV4.HexSha256(body);
        var declaredHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (declaredHash.Length > 0 && !string.Equals(declaredHash, payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            throw AwsError.InvalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var canonical = SigV4.CanonicalRequest(
            request.Method,
            q < 0 ? raw : raw[..q],
            q < 0 ? string.Empty : raw[(q + 1)..],
            name => HeaderValue(request, name),
            signedHeaders,
            payloadHash);
        var stringToSign = SigV4.StringToSign(amzDate, SigV4.Scope(scope[1], scope[2], scope[3]), canonical);
        var expected = SigV4.Signature(SigV4.SigningKey(identity.SecretAccessKey, scope[1], scope[2], scope[3]), stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            throw AwsError.InvalidSignature(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        return (identity.AccessKeyId, signedHeaders);
    }

    /// <summary>The SignedHeaders of an Authorization header, or empty (for the request log, before verification).</summary>
    public static IReadOnlyList<string> SignedHeadersOf(string authorization)
    {
        try
        {
            return ParseAuthorization(authorization).SignedHeaders;
        }
        catch (AwsError)
        {
            return [];
        }
    }

    private static (string Credential, string[] SignedHeaders, string Signature) ParseAuthorization(string authorization)
    {
        if (!authorization.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            throw AwsError.Client("IncompleteSignature", "Unsupported signing algorithm: only AWS4-HMAC-SHA256 is accepted.");
        }

        string? credential = null, signed = null, signature = null;
        foreach (var part in authorization[(SigV4.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("Credential=", StringComparison.Ordinal))
            {
                credential = part["Credential=".Length..];
            }
            else if (part.StartsWith("SignedHeaders=", StringComparison.Ordinal))
            {
                signed = part["SignedHeaders=".Length..];
            }
            else if (part.StartsWith("Signature=", StringComparison.Ordinal))
            {
                signature = part["Signature=".Length..];
            }
        }

        if (credential is null || signed is null || signature is null)
        {
            throw AwsError.Client("IncompleteSignature", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        return (credential, signed.Split(';'), signature);
    }

    private static string? HeaderValue(HttpRequest request, string name)
    {
        if (string.Equals(name, "host", StringComparison.Ordinal))
        {
            return request.Host.Value;
        }

        if (string.Equals(name, "content-length", StringComparison.Ordinal) && request.ContentLength is { } length)
        {
            return length.ToString(CultureInfo.InvariantCulture);
        }

        var values = request.Headers[name];
        return values.Count == 0 ? null : string.Join(',', values.Select(v => v?.Trim()));
    }

    private void CheckScope(string[] scope, string amzDate, string[] signedHeaders)
    {
        if (scope[1] != amzDate[..8])
        {
            throw AwsError.InvalidSignature($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{amzDate[..8]}'.");
        }

        if (scope[2] != _region)
        {
            throw AwsError.InvalidSignature($"Credential should be scoped to a valid region, not '{scope[2]}'.");
        }

        if (scope[3] != Service)
        {
            throw AwsError.InvalidSignature($"Credential should be scoped to correct service: '{Service}'.");
        }

        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date")
            || !signedHeaders.SequenceEqual(signedHeaders.Order(StringComparer.Ordinal)))
        {
            throw AwsError.InvalidSignature("SignedHeaders must be sorted, lower-case, and include host and x-amz-date.");
        }
    }

    private void CheckSkew(string amzDate, DateTimeOffset signedAt)
    {
        var now = _timeProvider.GetUtcNow();
        if (signedAt < now - _maxSkew || signedAt > now + _maxSkew)
        {
            var f = "yyyyMMdd'T'HHmmss'Z'";
            throw AwsError.InvalidSignature(signedAt < now
                ? $"Signature expired: {amzDate} is now earlier than {(now - _maxSkew).ToString(f, CultureInfo.InvariantCulture)} ({now.ToString(f, CultureInfo.InvariantCulture)} - 5 min.)"
                : $"Signature not yet current: {amzDate} is still later than {(now + _maxSkew).ToString(f, CultureInfo.InvariantCulture)} ({now.ToString(f, CultureInfo.InvariantCulture)} + 5 min.)");
        }
    }

    private static void CheckSessionToken(HttpRequest request, AwsIdentity identity, string[] signedHeaders)
    {
        var sent = request.Headers["X-Amz-Security-Token"].ToString();
        if (identity.SessionToken is null)
        {
            if (sent.Length > 0)
            {
                throw AwsError.UnrecognizedClient();
            }

            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(identity.SessionToken))
            || !signedHeaders.Contains("x-amz-security-token"))
        {
            throw AwsError.UnrecognizedClient();
        }

        if (identity.Expired)
        {
            throw AwsError.Client("ExpiredTokenException", "The security token included in the request is expired");
        }
    }
}
