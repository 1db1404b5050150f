using System.Net;

namespace SecureCloudinary.Testing.Tests;

public sealed class CloudinaryEmulatorAdminTests
{
    [Fact]
    public async Task Ping_RightBasicAuth_ReturnsOk()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var reply = await http.GetWithBasicAsync("v1_1/emulated/ping", emulator.Credentials.ApiKey, emulator.Credentials.ApiSecret);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("ok", reply.Json.GetProperty("status").GetString());
        Assert.Equal("500", Assert.Single(reply.Headers.GetValues("X-FeatureRateLimit-Limit")));
        Assert.Equal(emulator.Credentials.ApiKey, Assert.Single(emulator.Requests).ApiKey);
    }

    [Fact]
    public async Task Ping_WrongSecret_Returns401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var reply = await http.GetWithBasicAsync("v1_1/emulated/ping", emulator.Credentials.ApiKey, "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("api_secret mismatch", reply.ErrorMessage);
    }

    [Fact]
    public async Task Ping_NoAuthorization_Returns401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var reply = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("v1_1/emulated/ping", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.NotNull(reply.ErrorMessage);
    }

    [Fact]
    public async Task Ping_UnknownKeyOrWrongCloud_Returns401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var unknown = await http.GetWithBasicAsync("v1_1/emulated/ping", "111111111111111", "x");
        var wrongCloud = await http.GetWithBasicAsync("v1_1/elsewhere/ping", emulator.Credentials.ApiKey, emulator.Credentials.ApiSecret);

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal("Unknown API key 111111111111111", unknown.ErrorMessage);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCloud.Status);
    }

    [Fact]
    public async Task Usage_RightBasicAuth_ReportsStoredAssets()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, []), new byte[123]);

        var reply = await http.GetWithBasicAsync("v1_1/emulated/usage", emulator.Credentials.ApiKey, emulator.Credentials.ApiSecret);
        var denied = await http.GetWithBasicAsync("v1_1/emulated/usage", emulator.Credentials.ApiKey, "nope");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, reply.Json.GetProperty("objects").GetProperty("usage").GetInt64());
        Assert.Equal(123, reply.Json.GetProperty("storage").GetProperty("usage").GetInt64());
        Assert.Equal("Emulated", reply.Json.GetProperty("plan").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, denied.Status);
    }

    [Fact]
    public async Task Destroy_ExistingThenMissing_ReturnsOkThenNotFound()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "gone" }), [1]);
        var destroy = new Dictionary<string, string> { ["public_id"] = "gone", ["invalidate"] = "true" };

        var first = await http.PostAsync("v1_1/emulated/image/destroy", new FormUrlEncodedContent(EmulatorHttp.Signed(emulator.Credentials, destroy)));
        var second = await http.PostAsync("v1_1/emulated/image/destroy", EmulatorHttp.Form(EmulatorHttp.Signed(emulator.Credentials, destroy), null));

        Assert.Equal("ok", first.Json.GetProperty("result").GetString());
        Assert.Equal("not found", second.Json.GetProperty("result").GetString());
        Assert.Empty(emulator.Assets);
    }

    [Fact]
    public async Task Destroy_BadSignature_Returns401AndKeepsAsset()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "kept" }), [1]);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "other" });
        fields["public_id"] = "kept";

        var reply = await http.PostAsync("v1_1/emulated/image/destroy", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Single(emulator.Assets);
    }

    [Theory]
    [InlineData("GET", "v1_1/emulated/image/upload", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "v1_1/emulated/resources/image", HttpStatusCode.NotFound)]
    [InlineData("GET", "somewhere/else", HttpStatusCode.NotFound)]
    [InlineData("POST", "v1_1/emulated/pictures/upload", HttpStatusCode.NotFound)]
    public async Task UnsupportedRoute_ReturnsCloudinaryShapedError(string method, string path, HttpStatusCode expected)
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var reply = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        Assert.Equal(expected, reply.Status);
        Assert.False(string.IsNullOrEmpty(reply.ErrorMessage));
    }
}
