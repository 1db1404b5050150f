using System.Net;
using System.Security.Cryptography;

namespace SecureCloudinary.Testing.Tests;

public sealed class CloudinaryEmulatorDeliveryTests
{
    private static readonly CloudinaryEmulatorOptions Serving = new() { ServeDeliveredAssets = true };

    [Fact]
    public async Task Delivery_SignedUrlBuiltByLibrary_ServesUploadedBytes()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(Serving, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var content = RandomNumberGenerator.GetBytes(3000);
        var upload = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials,
            new Dictionary<string, string> { ["public_id"] = "cat", ["folder"] = "pets" }), content);
        Assert.Equal(HttpStatusCode.OK, upload.Status);
        var version = upload.Json.GetProperty("version").GetInt64();

        var url = CloudinaryUrls.BuildDeliveryUrl(emulator.Credentials, "pets/cat",
            new DeliveryUrlOptions { Signed = true, Format = "png", Version = version, Transformation = "c_fill,w_10" });
        using var response = await http.Client.GetAsync(new Uri(url), TestContext.Current.CancellationToken);

        Assert.StartsWith(emulator.BaseAddress.AbsoluteUri + "emulated/image/upload/s--", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var logged = emulator.Requests[^1];
        Assert.Equal(("GET", 200), (logged.Method, logged.StatusCode));
        Assert.Contains("/s--(signature)--/", logged.Path, StringComparison.Ordinal);
        var signature = url.Split("s--")[1].Split("--")[0];
        Assert.DoesNotContain(signature, logged.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_LongSha256Signature_IsAccepted()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(Serving, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "dog" }), [1, 2, 3]);

        var url = CloudinaryUrls.BuildDeliveryUrl(emulator.Credentials, "dog", new DeliveryUrlOptions { Signed = true, LongSignature = true });
        using var response = await http.Client.GetAsync(new Uri(url), TestContext.Current.CancellationToken);

        Assert.Matches("/s--[A-Za-z0-9_-]{32}--/", url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task Delivery_TamperedSignature_Returns401(int position)
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(Serving, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "cat" }), [1, 2, 3]);
        var url = CloudinaryUrls.BuildDeliveryUrl(emulator.Credentials, "cat", new DeliveryUrlOptions { Signed = true, Format = "png" });
        var start = url.IndexOf("s--", StringComparison.Ordinal) + 3 + position;
        var tampered = url[..start] + (url[start] == 'A' ? 'B' : 'A') + url[(start + 1)..];

        using var response = await http.Client.GetAsync(new Uri(tampered), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Delivery_SignatureFromAnotherSecret_Returns401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(Serving, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "cat" }), [1, 2, 3]);
        var stranger = new CloudinaryCredentials(emulator.CloudName, emulator.Credentials.ApiKey, "not-the-secret", emulator.Credentials.Settings);

        var url = CloudinaryUrls.BuildDeliveryUrl(stranger, "cat", new DeliveryUrlOptions { Signed = true });
        using var response = await http.Client.GetAsync(new Uri(url), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK)]
    [InlineData(true, HttpStatusCode.Unauthorized)]
    public async Task Delivery_UnsignedUrl_ServedUnlessSignaturesRequired(bool require, HttpStatusCode expected)
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(
            new CloudinaryEmulatorOptions { ServeDeliveredAssets = true, RequireSignedDeliveryUrls = require },
            TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "cat" }), [1, 2, 3]);

        using var response = await http.Client.GetAsync(
            new Uri(CloudinaryUrls.BuildDeliveryUrl(emulator.Credentials, "cat")), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Delivery_AssetLargerThanLimit_Returns404ButUploadSucceeds()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(
            new CloudinaryEmulatorOptions { ServeDeliveredAssets = true, MaxServedAssetBytes = 10 }, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var upload = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "big" }), new byte[11]);

        using var response = await http.Client.GetAsync(
            new Uri(CloudinaryUrls.BuildDeliveryUrl(emulator.Credentials, "big", new DeliveryUrlOptions { Signed = true })),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, upload.Status);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delivery_AfterDestroy_Returns404()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(Serving, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "gone" }), [1]);
        var destroy = await http.PostAsync($"v1_1/{emulator.CloudName}/image/destroy",
            EmulatorHttp.Form(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "gone" }), null));

        using var response = await http.Client.GetAsync(
            new Uri(CloudinaryUrls.BuildDeliveryUrl(emulator.Credentials, "gone", new DeliveryUrlOptions { Signed = true })),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, destroy.Status);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delivery_NotEnabled_DefaultCredentialsKeepCloudinaryHostAndRouteIs404()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        using var response = await http.Client.GetAsync(new Uri("emulated/image/upload/cat", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Null(emulator.Credentials.Settings.SecureDistribution);
        Assert.StartsWith("https://res.cloudinary.com/", CloudinaryUrls.BuildDeliveryUrl(emulator.Credentials, "cat"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Cors_Preflight_AllowsAnyOriginWithoutAuthentication()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri($"v1_1/{emulator.CloudName}/auto/upload", UriKind.Relative));
        request.Headers.Add("Origin", "http://127.0.0.1:5000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-requested-with");

        using var response = await http.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("X-Requested-With", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.Ordinal);
        Assert.Empty(emulator.Assets);
    }

    [Fact]
    public async Task Cors_UploadAndErrorResponses_CarryAllowOrigin()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        using var ok = await http.Client.PostAsync(new Uri($"v1_1/{emulator.CloudName}/image/upload", UriKind.Relative),
            EmulatorHttp.Form(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string>()), [1, 2]),
            TestContext.Current.CancellationToken);
        using var rejected = await http.Client.PostAsync(new Uri($"v1_1/{emulator.CloudName}/image/upload", UriKind.Relative),
            EmulatorHttp.Form(new Dictionary<string, string> { ["api_key"] = emulator.Credentials.ApiKey }, [1, 2]),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("*", Assert.Single(ok.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("*", Assert.Single(rejected.Headers.GetValues("Access-Control-Allow-Origin")));
    }
}
