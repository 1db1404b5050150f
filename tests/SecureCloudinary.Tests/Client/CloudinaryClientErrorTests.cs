using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecureCloudinary.Models;

namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientErrorTests
{
    private const string Sentinel = "SENTINEL-s3cr3t-9f8e7d6c5b4a";
    private static CancellationToken Ct => TestContext.Current.CancellationToken; // per test: a cached token would be the first test's

    private static CloudinaryCredentials SentinelCredentials => new("demo", "123456789012345", Sentinel);

    [Fact]
    public async Task PingAsync_401Json_IsAuthenticationFailureWithMessageAndHeaders()
    {
        using var kit = new ClientTestKit(responder: _ =>
        {
            var response = StubHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"message":"Unknown API key 123456789012345"}}""");
            response.Headers.Add("X-Request-Id", "req-42");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        });
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.True(ex.IsAuthenticationFailure);
        Assert.Equal("Unknown API key 123456789012345", ex.Message);
        Assert.Equal("req-42", ex.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
    }

    [Fact]
    public async Task PingAsync_500Html_GenericMessageWithoutBody()
    {
        using var kit = new ClientTestKit(responder: _ => new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent("<html><body>Oops secret-ish page</body></html>", Encoding.UTF8, "text/html"),
        });
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.False(ex.IsAuthenticationFailure);
        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("html", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UploadAsync_XCldErrorHeaderAndEmptyBody_UsesHeader()
    {
        using var kit = new ClientTestKit(responder: _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
            response.Headers.Add("X-Cld-Error", "Invalid image file");
            return response;
        });
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct));
        Assert.Equal("Invalid image file", ex.Message);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
    }

    [Fact]
    public async Task PingAsync_SuccessBodyOverCap_ThrowsWithoutBody()
    {
        using var kit = new ClientTestKit(
            options: new CloudinaryClientOptions { MaxResponseBodyBytes = 1024 },
            responder: _ => StubHttpHandler.Json(HttpStatusCode.OK, "{\"status\":\"" + new string('x', 5000) + "\"}"));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(Ct));
        Assert.Contains("1024 bytes", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_ErrorBodyOverCap_GenericMessage()
    {
        using var kit = new ClientTestKit(
            options: new CloudinaryClientOptions { MaxResponseBodyBytes = 100 },
            responder: _ => StubHttpHandler.Json(HttpStatusCode.BadGateway, "{\"error\":{\"message\":\"" + new string('y', 500) + "\"}}"));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(Ct));
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Contains("size limit", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("yyyy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_InvalidJsonSuccess_ThrowsTyped()
    {
        using var kit = new ClientTestKit(responder: _ => StubHttpHandler.Json(HttpStatusCode.OK, "not json"));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task PingAsync_TransportError_WrappedWithHostOnly()
    {
        using var kit = new ClientTestKit(responder: _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(Ct));
        Assert.Null(ex.StatusCode);
        Assert.Contains("api.cloudinary.com", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/v1_1", ex.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task PingAsync_Timeout_WrappedAsTransportError()
    {
        using var kit = new ClientTestKit(responder: _ => throw new TaskCanceledException("timeout", new TimeoutException()));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(Ct));
        Assert.Null(ex.StatusCode);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var kit = new ClientTestKit();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.Client.PingAsync(cts.Token));
    }

    [Fact]
    public async Task UploadAsync_StaleRequestOnce_ResignsWithFreshTimestampAndSucceeds()
    {
        var calls = 0;
        using var kit = new ClientTestKit(responder: _ => ++calls == 1
            ? StubHttpHandler.Json(HttpStatusCode.BadRequest, """{"error":{"message":"Stale request - reported time is 2023-11-14 22:13:20 +0000 which is more than 1 hour ago"}}""")
            : StubHttpHandler.Json(HttpStatusCode.OK, """{"public_id":"ok"}"""));
        kit.Handler.OnRequest = (_, _) => kit.Time.Advance(TimeSpan.FromHours(2));
        var stream = new GeneratedStream(100, seekable: true);
        var result = await kit.Client.UploadAsync(UploadRequest.FromStream(stream, "a.bin"), Ct);

        Assert.Equal("ok", result.PublicId);
        Assert.Equal(2, kit.Handler.Requests.Count);
        var (first, second) = (kit.Handler.Requests[0], kit.Handler.Requests[1]);
        Assert.NotEqual(first.Fields["timestamp"], second.Fields["timestamp"]);
        Assert.Equal(ClientTestKit.ExpectedSignature(second, "abcd"), second.Fields["signature"]);
        Assert.Equal(first.FileBytes, second.FileBytes);
        Assert.Equal(100, second.FileLength);
    }

    [Fact]
    public async Task UploadAsync_StaleRequestTwice_ThrowsAfterOneRetry()
    {
        using var kit = new ClientTestKit(responder: _ =>
            StubHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"message":"Stale request - reported time is old"}}"""));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct));
        Assert.StartsWith("Stale request", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task ErrorMessageContainingSecret_IsRedacted()
    {
        using var kit = new ClientTestKit(SentinelCredentials, responder: _ =>
            StubHttpHandler.Json(HttpStatusCode.Unauthorized, $$$"""{"error":{"message":"api_secret mismatch: got {{{Sentinel}}}"}}"""));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(() => kit.Client.PingAsync(Ct));
        Assert.Equal("api_secret mismatch: got [redacted]", ex.Message);
    }

    [Fact]
    public async Task EveryErrorPath_SentinelSecretAppearsInNoExceptionOrLog()
    {
        var responses = new Func<CapturedRequest, HttpResponseMessage>[]
        {
            _ => StubHttpHandler.Json(HttpStatusCode.Unauthorized, $$$"""{"error":{"message":"Invalid Signature abc. String to sign - 'timestamp=1'. {{{Sentinel}}}"}}"""),
            _ => StubHttpHandler.Json(HttpStatusCode.BadRequest, $$$"""{"error":{"message":"Stale request {{{Sentinel}}}"}}"""),
            _ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent($"<html>{Sentinel}</html>") },
            _ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Headers = { { "X-Cld-Error", "denied " + Sentinel } } },
            _ => StubHttpHandler.Json(HttpStatusCode.OK, "{\"x\":\"" + Sentinel + new string('z', 2000) + "\"}"),
            _ => StubHttpHandler.Json(HttpStatusCode.OK, Sentinel),
            _ => throw new HttpRequestException("boom"),
        };
        foreach (var respond in responses)
        {
            using var kit = new ClientTestKit(SentinelCredentials, new CloudinaryClientOptions { MaxResponseBodyBytes = 1000 }, respond);
            var calls = new Func<Task>[]
            {
                () => kit.Client.PingAsync(Ct),
                () => kit.Client.GetUsageAsync(Ct),
                () => kit.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct),
                () => kit.Client.DestroyAsync("x", cancellationToken: Ct),
            };
            foreach (var call in calls)
            {
                var ex = await Assert.ThrowsAsync<CloudinaryApiException>(call);
                Assert.DoesNotContain(Sentinel, ex.ToString(), StringComparison.Ordinal);
            }

            foreach (var record in kit.Logger.Collector.GetSnapshot())
            {
                Assert.DoesNotContain(Sentinel, record.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(Sentinel, string.Join(";", record.StructuredState ?? []), StringComparison.Ordinal);
            }

            Assert.NotEmpty(kit.Logger.Collector.GetSnapshot());
        }
    }
}
