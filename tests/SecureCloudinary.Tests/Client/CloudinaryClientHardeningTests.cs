using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;
using SecureCloudinary.Tests.DependencyInjection;

namespace SecureCloudinary.Tests.Client;

/// <summary>Issue 11 items 6, 7, 9, 12 and issue 12 items 11-13: hostile servers, clock skew, rotation mid-upload, rate limits.</summary>
public sealed class CloudinaryClientHardeningTests
{
    private const string InvalidSignatureBody =
        """{"error":{"message":"Invalid Signature f11d48772281ea76f3fc49f25cb048ddef90a43d. String to sign - 'public_id=x&timestamp=1479686175'."}}""";

    // ---- Redirects (issue 11 item 6) ----

    [Fact]
    public async Task PingAsync_ServerRedirects_FailsNamingApiBaseAddressAndTheOtherHostGetsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var elsewhere = new RawLoopbackServer(_ => RawLoopbackServer.Response(
            "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 15\nConnection: close", """{"status":"ok"}"""));
        await using var configured = new RawLoopbackServer(_ => RawLoopbackServer.Response(
            $"HTTP/1.1 307 Temporary Redirect\nLocation: {elsewhere.Address}v1_1/demo/ping\nContent-Length: 0\nConnection: close"));
        await using var services = TestHosts.Provider(
            extend: null,
            ("Cloudinary:Source", "Configuration"),
            ("Cloudinary:Url", "cloudinary://123456789012345:abcd@demo"),
            ("Cloudinary:ApiBaseAddress", configured.Address.ToString()));
        var client = services.GetRequiredService<CloudinaryClient>();

        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.PingAsync(ct));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, ex.StatusCode);
        Assert.Contains("Cloudinary:ApiBaseAddress", ex.Message, StringComparison.Ordinal);
        Assert.Contains("redirect", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, configured.Requests);
        Assert.Equal(0, elsewhere.Requests);
    }

    [Fact]
    public async Task UploadAsync_UploadPrefixAnswersRedirect_FailsNamingUploadPrefix()
    {
        var credentials = new CloudinaryCredentials("demo", "123456789012345", "abcd",
            new CloudinaryUrlSettings { UploadPrefix = new Uri("http://127.0.0.1:9/") });
        using var kit = new ClientTestKit(credentials, responder: _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = new Uri("https://evil.example/upload");
            return response;
        });

        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(
            () => kit.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), TestContext.Current.CancellationToken));

        Assert.Contains("upload_prefix", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", ex.Message, StringComparison.Ordinal);
        Assert.Single(kit.Handler.Requests);
    }

    // ---- Body read covered by the timeout (issue 11 item 7) ----

    [Fact]
    public async Task PingAsync_HeadersThenSilence_FailsAfterHttpClientTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new RawLoopbackServer(_ => RawLoopbackServer.Response(
            "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 100", """{"status":"""));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };
        var client = new CloudinaryClient(
            http,
            new SwappableCredentialProvider(new CloudinaryCredentials("demo", "123456789012345", "abcd")),
            new CloudinaryClientOptions { ApiBaseAddress = server.Address });
        var watch = Stopwatch.StartNew();

        // Generous bound: a hang (today) fails here with a TimeoutException instead of blocking the suite.
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.PingAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct));

        Assert.Contains("timed out", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), $"gave up after {watch.Elapsed}");
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task PingAsync_HeadersThenSilence_CallerCancellationEndsTheBodyRead()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new RawLoopbackServer(_ => RawLoopbackServer.Response(
            "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 100", """{"status":"""));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new CloudinaryClient(
            http,
            new SwappableCredentialProvider(new CloudinaryCredentials("demo", "123456789012345", "abcd")),
            new CloudinaryClientOptions { ApiBaseAddress = server.Address });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PingAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(60), ct));
    }

    // ---- No signature or string to sign in messages (issue 11 item 9) ----

    [Fact]
    public async Task InvalidSignatureAnswer_MessageHasNoSignatureNorStringToSign()
    {
        using var kit = new ClientTestKit(responder: _ => StubHttpHandler.Json(HttpStatusCode.Unauthorized, InvalidSignatureBody));

        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(
            () => kit.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), TestContext.Current.CancellationToken));

        Assert.DoesNotContain("f11d48772281ea76f3fc49f25cb048ddef90a43d", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("String to sign", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("1479686175", ex.Message, StringComparison.Ordinal);
        Assert.Contains("signature did not match", ex.Message, StringComparison.Ordinal);
        Assert.Contains("API secret", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsAuthenticationFailure);
    }

    [Fact]
    public async Task InvalidSignatureFromEmulator_WrongSecret_MessageHasNoStringToSign()
    {
        await using var fx = await EmulatorFixture.StartAsync();
        var good = fx.Emulator.Credentials;
        fx.Provider.Current = new CloudinaryCredentials(good.CloudName, good.ApiKey, "wrong-secret-0123456789abcd", good.Settings);

        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(
            () => fx.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), TestContext.Current.CancellationToken));

        Assert.StartsWith("Invalid Signature", fx.Emulator.Requests[0].ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("String to sign", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("timestamp=", ex.Message, StringComparison.Ordinal);
        Assert.Contains("signature did not match", ex.Message, StringComparison.Ordinal);
    }

    // ---- Parameter names that smuggle fields (issue 11 item 12) ----

    public static TheoryData<string> BadNames() =>
        ["n=1&notification_url", "a&b", "a=b", "a b", " a", "a\tb", "a\nb", "a\u0001b", "a\u007fb", "a\u00a0b", ""];

    [Theory]
    [MemberData(nameof(BadNames))]
    public void SignParameters_BadName_Throws(string name)
    {
        var ex = Assert.Throws<ArgumentException>(
            () => CloudinarySigner.SignParameters([new(name, "1"), new("timestamp", "1700000000")], "abcd"));
        Assert.Equal("parameters", ex.ParamName);
    }

    /// <summary>
    /// Every UTF-16 code unit, alone, at the start, in the middle and at the end of a name: the signer accepts it exactly
    /// when the documented rule does (not white space, not a control character, not '&amp;' or '='), so the vectorized
    /// scan for ordinary names decides as the character-by-character rule.
    /// </summary>
    [Fact]
    public void SignParameters_EveryCharacterInAName_AcceptedExactlyWhenTheRuleAllowsIt()
    {
        var wrong = new List<int>();
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var c = (char)code;
            var allowed = !(char.IsWhiteSpace(c) || char.IsControl(c) || c is '&' or '=');
            foreach (var name in new[] { c.ToString(), c + "abcdefghijklmnopqrstuvwxyz", "abcdefghij" + c + "klmnopqrst", "abcdefghijklmnopqrstuvwxyz" + c })
            {
                bool accepted;
                try
                {
                    CloudinarySigner.SignParameters([new(name, "1")], "abcd");
                    accepted = true;
                }
                catch (ArgumentException)
                {
                    accepted = false;
                }

                if (accepted != allowed)
                {
                    wrong.Add(code);
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task CreateUploadSignatureAsync_BadName_Throws(string name)
    {
        using var kit = new ClientTestKit();
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await kit.Client.CreateUploadSignatureAsync([new(name, "https://evil.example/hook")], TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task UploadAsync_BadAdditionalParameterName_Throws(string name)
    {
        using var kit = new ClientTestKit();
        var request = UploadRequest.FromDataUri("data:,x");
        request.AdditionalParameters = new Dictionary<string, string?> { [name] = "1" };

        await Assert.ThrowsAsync<ArgumentException>(() => kit.Client.UploadAsync(request, TestContext.Current.CancellationToken));
        Assert.Empty(kit.Handler.Requests);
    }

    [Fact]
    public void SignParameters_ValueWithAmpersandAndEquals_StillAllowed()
    {
        var signature = CloudinarySigner.SignParameters(
            [new("notification_url", "https://example.com/hook?a=1&b=2"), new("public_id", "x"), new("timestamp", "1700000000")],
            "S3cr3t-XyZ_123");
        Assert.Equal("dfa840deadf417f2aeb81215cc7a981521a40bab", signature); // E5 of docs/protocols: values keep & and =
    }

    // ---- Clock skew (issue 12 item 11) ----

    [Fact]
    public async Task UploadAsync_ClientClockTwoHoursBehind_CorrectsFromDateHeaderAndRemembersTheOffset()
    {
        var ct = TestContext.Current.CancellationToken;
        var serverTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var clientTime = new FakeTimeProvider(serverTime.GetUtcNow().AddHours(-2));
        await using var fx = await EmulatorFixture.StartAsync(
            emulatorOptions: new CloudinaryEmulatorOptions { TimeProvider = serverTime }, clientTime: clientTime);

        var first = await fx.Client.UploadAsync(UploadRequest.FromStream(new MemoryStream([1, 2, 3]), "a.bin"), ct);
        var second = await fx.Client.UploadAsync(UploadRequest.FromStream(new MemoryStream([4, 5]), "b.bin"), ct);

        Assert.NotNull(first.PublicId);
        Assert.NotNull(second.PublicId);
        var requests = fx.Emulator.Requests;
        Assert.Equal(3, requests.Count); // stale, corrected, and the second upload right away with the kept offset
        Assert.StartsWith("Stale request", requests[0].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([200, 200], requests.Skip(1).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task UploadAsync_StaleWithDateHeader_ResignsWithTheServersTime()
    {
        var serverNow = DateTimeOffset.FromUnixTimeSeconds(ClientTestKit.Timestamp).AddHours(3);
        var calls = 0;
        using var kit = new ClientTestKit(responder: _ =>
        {
            if (++calls > 1)
            {
                return StubHttpHandler.Json(HttpStatusCode.OK, """{"public_id":"ok"}""");
            }

            var stale = StubHttpHandler.Json(HttpStatusCode.BadRequest, """{"error":{"message":"Stale request - reported time is 2023-11-14 22:13:20 +0000 which is more than 1 hour ago"}}""");
            stale.Headers.Date = serverNow;
            return stale;
        });

        await kit.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), TestContext.Current.CancellationToken);

        var second = kit.Handler.Requests[1];
        Assert.Equal(serverNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), second.Fields["timestamp"]);
        Assert.Equal(ClientTestKit.ExpectedSignature(second, "abcd"), second.Fields["signature"]);
    }

    // ---- Credentials changing mid chunked upload (issue 12 item 12) ----

    [Fact]
    public async Task UploadAsync_KeyRotatedAfterFirstChunk_RestartsWithNewUploadIdAndEmulatorAccepts()
    {
        var ct = TestContext.Current.CancellationToken;
        CloudinaryEmulator? emulator = null;
        SwappableCredentialProvider? provider = null;
        var sent = 0;
        await using var fx = await EmulatorFixture.StartAsync(
            new CloudinaryClientOptions { ChunkSize = 1000, ChunkedUploadThreshold = 1500 },
            wrap: inner => new CallbackHandler(inner, () =>
            {
                if (++sent == 1)
                {
                    // The key is rotated in Cloudinary and in the store after the first chunk went through.
                    var fresh = emulator!.AddApiKey();
                    emulator.DisableApiKey(emulator.Credentials.ApiKey);
                    provider!.Current = fresh;
                }
            }));
        (emulator, provider) = (fx.Emulator, fx.Provider);
        var bytes = Enumerable.Range(0, 2500).Select(i => (byte)(i * 7)).ToArray();

        var result = await fx.Client.UploadAsync(UploadRequest.FromStream(new MemoryStream(bytes), "big.bin"), ct);

        Assert.Equal(2500, result.Bytes);
        var requests = fx.Emulator.Requests;
        Assert.Equal([200, 401, 200, 200, 200], requests.Select(r => r.StatusCode));
        Assert.Equal(requests[0].UploadId, requests[1].UploadId);
        Assert.NotEqual(requests[0].UploadId, requests[2].UploadId);
        Assert.Single(requests.Skip(2).Select(r => r.UploadId).Distinct());
        Assert.Equal(fx.Provider.Current.ApiKey, Assert.Single(fx.Emulator.Assets).UploadedWithApiKey);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), fx.Emulator.Assets[0].Sha256);
    }

    [Fact]
    public async Task Emulator_ChunkSignedWithAnotherKeyUnderTheSameUploadId_IsRejected()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: ct);
        var other = emulator.AddApiKey();
        using var http = new HttpClient();
        var uploadId = "fixed-upload-id-1";

        using var first = ChunkRequest(emulator, emulator.Credentials, uploadId, "bytes 0-2/6", [1, 2, 3]);
        using var firstAnswer = await http.SendAsync(first, ct);
        using var second = ChunkRequest(emulator, other, uploadId, "bytes 3-5/6", [4, 5, 6]);
        using var secondAnswer = await http.SendAsync(second, ct);

        Assert.Equal(HttpStatusCode.OK, firstAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, secondAnswer.StatusCode);
        Assert.Contains("different API key", emulator.Requests[1].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAsync_KeyRotatedMidUploadOfUnseekableStream_FailsClearly()
    {
        var ct = TestContext.Current.CancellationToken;
        var fresh = new CloudinaryCredentials("demo", "999999999999999", "efgh");
        var calls = 0;
        using var kit = new ClientTestKit(
            options: new CloudinaryClientOptions { ChunkSize = 1000, ChunkedUploadThreshold = 1500 },
            responder: r => ++calls >= 2 && r.Fields["api_key"] == "123456789012345"
                ? StubHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"message":"API key 123456789012345 is disabled"}}""")
                : StubHttpHandler.Json(HttpStatusCode.OK, """{"done":false}"""));
        kit.Handler.OnRequest = (_, _) => kit.Provider.Current = fresh;

        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(
            () => kit.Client.UploadAsync(UploadRequest.FromStream(new GeneratedStream(2500, seekable: false), "x.bin"), ct));

        Assert.Contains("rewound", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    // ---- User-Agent, rate-limit headers, 420/429 (issue 12 item 13) ----

    [Fact]
    public async Task Requests_CarrySecureCloudinaryUserAgentWithVersion()
    {
        using var kit = new ClientTestKit();
        string? userAgent = null;
        kit.Handler.OnRequest = (_, request) => userAgent = request.Headers.UserAgent.ToString();

        await kit.Client.PingAsync(TestContext.Current.CancellationToken);

        var version = typeof(CloudinaryClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!
            .InformationalVersion.Split('+')[0];
        Assert.Equal("SecureCloudinary/" + version, userAgent);
    }

    [Fact]
    public async Task PingAndUsage_ExposeRateLimitHeaders()
    {
        var ct = TestContext.Current.CancellationToken;
        var serverTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var fx = await EmulatorFixture.StartAsync(
            emulatorOptions: new CloudinaryEmulatorOptions { TimeProvider = serverTime }, clientTime: serverTime);

        var ping = await fx.Client.PingAsync(ct);
        var usage = await fx.Client.GetUsageAsync(ct);

        foreach (var limit in new[] { ping.RateLimit, usage.RateLimit })
        {
            Assert.NotNull(limit);
            Assert.Equal(500, limit.Limit);
            Assert.Equal(499, limit.Remaining);
            Assert.Equal(serverTime.GetUtcNow().AddHours(1), limit.Reset);
        }
    }

    [Theory]
    [InlineData(429)]
    [InlineData(420)]
    public async Task RateLimitedAnswer_IsCloudinaryRateLimitedExceptionWithRetryAfterAndHeaders(int status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fx = await EmulatorFixture.StartAsync();
        fx.Emulator.RateLimitNextRequests(1, (HttpStatusCode)status, TimeSpan.FromSeconds(42));

        var ex = await Assert.ThrowsAsync<CloudinaryRateLimitedException>(() => fx.Client.PingAsync(ct));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), ex.RetryAfter);
        Assert.True(ex.IsRateLimited);
        Assert.NotNull(ex.RateLimit);
        Assert.Equal(0, ex.RateLimit.Remaining);
        Assert.Equal(500, ex.RateLimit.Limit);
        Assert.False(ex.IsAuthenticationFailure);
        Assert.Single(fx.Emulator.Requests); // not retried here: the caller decides, with RetryAfter
    }

    [Fact]
    public async Task OtherErrors_AreNotRateLimited()
    {
        using var kit = new ClientTestKit(responder: _ => StubHttpHandler.Json(HttpStatusCode.BadRequest, """{"error":{"message":"nope"}}"""));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(TestContext.Current.CancellationToken));
        Assert.IsNotType<CloudinaryRateLimitedException>(ex);
        Assert.False(ex.IsRateLimited);
        Assert.Null(ex.RateLimit);
    }

    private static HttpRequestMessage ChunkRequest(
        CloudinaryEmulator emulator, CloudinaryCredentials credentials, string uploadId, string range, byte[] bytes)
    {
        var fields = new List<KeyValuePair<string, string?>> { new("timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        var form = new MultipartFormDataContent
        {
            { new StringContent(fields[0].Value!), "timestamp" },
            { new StringContent(CloudinarySigner.SignParameters(fields, credentials.ApiSecret)), "signature" },
            { new StringContent(credentials.ApiKey), "api_key" },
            { new ByteArrayContent(bytes), "file", "f.bin" },
        };
        form.Headers.TryAddWithoutValidation("Content-Range", range);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseAddress, $"v1_1/{emulator.CloudName}/raw/upload")) { Content = form };
        request.Headers.TryAddWithoutValidation("X-Unique-Upload-Id", uploadId);
        return request;
    }

    /// <summary>Runs a callback after each response.</summary>
    private sealed class CallbackHandler(HttpMessageHandler inner, Action afterResponse) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            afterResponse();
            return response;
        }
    }
}
