using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace SecureCloudinary.Tests.Client;

/// <summary>Builds a client over a stub handler, and recomputes signatures independently of CloudinarySigner.</summary>
public sealed class ClientTestKit : IDisposable
{
    public const long Timestamp = 1_700_000_000;

    public ClientTestKit(
        CloudinaryCredentials? credentials = null,
        CloudinaryClientOptions? options = null,
        Func<CapturedRequest, HttpResponseMessage>? responder = null,
        long timestamp = Timestamp)
    {
        Handler = new StubHttpHandler(responder);
        HttpClient = new HttpClient(Handler);
        Provider = new SwappableCredentialProvider(credentials ?? new CloudinaryCredentials("demo", "123456789012345", "abcd"));
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(timestamp));
        Logger = new FakeLogger<CloudinaryClient>();
        Client = new CloudinaryClient(HttpClient, Provider, options, Time, Logger);
    }

    public StubHttpHandler Handler { get; }

    public HttpClient HttpClient { get; }

    public SwappableCredentialProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogger<CloudinaryClient> Logger { get; }

    public CloudinaryClient Client { get; }

    /// <summary>SHA-1 (or SHA-256) hex of the hand-built string plus the secret.</summary>
    public static string Hash(string toSign, string secret, bool sha256 = false)
    {
        var bytes = Encoding.UTF8.GetBytes(toSign + secret);
#pragma warning disable CA5350 // Cloudinary's protocol uses SHA-1 signatures.
        return Convert.ToHexStringLower(sha256 ? SHA256.HashData(bytes) : SHA1.HashData(bytes));
#pragma warning restore CA5350
    }

    /// <summary>The expected signature of a captured request: every field except signature/api_key/file, sorted ordinally.</summary>
    public static string ExpectedSignature(CapturedRequest request, string secret, bool sha256 = false)
    {
        var parts = request.Fields
            .Where(f => f.Key is not ("signature" or "api_key" or "file"))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + "=" + f.Value.Replace("&", "%26", StringComparison.Ordinal));
        return Hash(string.Join("&", parts), secret, sha256);
    }

    public void Dispose()
    {
        HttpClient.Dispose();
        Handler.Dispose();
    }
}
