using System.Net;

namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken; // per test: a cached token would be the first test's

    [Fact]
    public async Task PingAsync_KeyAndSecret_SendsBasicAuthGetToPing()
    {
        using var kit = new ClientTestKit(new CloudinaryCredentials("demo", "key", "secret"));
        var result = await kit.Client.PingAsync(Ct);

        var request = Assert.Single(kit.Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.cloudinary.com/v1_1/demo/ping", request.Uri.AbsoluteUri);
        Assert.Equal("Basic a2V5OnNlY3JldA==", request.Authorization);
        Assert.Equal("ok", result.Status);
    }

    [Fact]
    public async Task GetUsageAsync_TypicalReport_ParsesCommonFieldsAndKeepsTheRest()
    {
        const string json = """
            {"plan":"Free","last_updated":"2026-11-28","requests":1234,"resources":10,"derived_resources":3,
             "credits":{"usage":1.5,"limit":25,"used_percent":6.0},
             "storage":{"usage":1048576,"credits_usage":0.1},"bandwidth":{"usage":2048,"credits_usage":0.0},
             "objects":{"usage":13},"transformations":{"usage":7,"credits_usage":0.01},
             "media_limits":{"image_max_size_bytes":10485760}}
            """;
        using var kit = new ClientTestKit(responder: _ => StubHttpHandler.Json(HttpStatusCode.OK, json));
        var usage = await kit.Client.GetUsageAsync(Ct);

        Assert.Equal("https://api.cloudinary.com/v1_1/demo/usage", Assert.Single(kit.Handler.Requests).Uri.AbsoluteUri);
        Assert.Equal("Free", usage.Plan);
        Assert.Equal("2026-11-28", usage.LastUpdated);
        Assert.Equal(1234, usage.Requests);
        Assert.Equal(10, usage.Resources);
        Assert.Equal(3, usage.DerivedResources);
        Assert.Equal(25, usage.Credits!.Limit);
        Assert.Equal(6.0, usage.Credits.UsedPercent);
        Assert.Equal(1048576, usage.Storage!.Usage);
        Assert.Equal(0.1, usage.Storage.CreditsUsage);
        Assert.Equal(2048, usage.Bandwidth!.Usage);
        Assert.Equal(13, usage.Objects!.Usage);
        Assert.Equal(7, usage.Transformations!.Usage);
        Assert.Equal(10485760, usage.AdditionalData!["media_limits"].GetProperty("image_max_size_bytes").GetInt64());
    }

    [Fact]
    public async Task PingAsync_ProviderSwapsCredentials_NextCallUsesNewKey()
    {
        using var kit = new ClientTestKit(new CloudinaryCredentials("demo", "key", "secret"));
        await kit.Client.PingAsync(Ct);
        kit.Provider.Current = new CloudinaryCredentials("other", "key2", "secret2");
        await kit.Client.PingAsync(Ct);

        Assert.Equal(2, kit.Provider.Calls);
        Assert.Equal("Basic a2V5OnNlY3JldA==", kit.Handler.Requests[0].Authorization);
        Assert.Equal("Basic " + Convert.ToBase64String("key2:secret2"u8.ToArray()), kit.Handler.Requests[1].Authorization);
        Assert.Equal("/v1_1/other/ping", kit.Handler.Requests[1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task PingAsync_UploadPrefixOnLoopbackHttp_IsUsed()
    {
        var credentials = CloudinaryCredentials.Parse("cloudinary://k:s@demo?upload_prefix=http://127.0.0.1:6000/base/");
        using var kit = new ClientTestKit(credentials);
        await kit.Client.PingAsync(Ct);
        Assert.Equal("http://127.0.0.1:6000/base/v1_1/demo/ping", Assert.Single(kit.Handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task PingAsync_OptionsBaseAddress_WinsOverUploadPrefix()
    {
        var credentials = CloudinaryCredentials.Parse("cloudinary://k:s@demo?upload_prefix=https://api-eu.cloudinary.com");
        using var kit = new ClientTestKit(credentials, new CloudinaryClientOptions { ApiBaseAddress = new Uri("https://api-ap.cloudinary.com") });
        await kit.Client.PingAsync(Ct);
        Assert.Equal("api-ap.cloudinary.com", Assert.Single(kit.Handler.Requests).Uri.Host);
    }

    [Fact]
    public async Task PingAsync_HttpNonLoopbackBaseAddress_ThrowsNamingSettingAndSendsNothing()
    {
        using var kit = new ClientTestKit(options: new CloudinaryClientOptions { ApiBaseAddress = new Uri("http://api.cloudinary.com") });
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => kit.Client.PingAsync(Ct));
        Assert.Contains("Cloudinary:ApiBaseAddress", ex.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Handler.Requests);
    }

    [Fact]
    public async Task PingAsync_HttpNonLoopbackUploadPrefix_ThrowsNamingUploadPrefix()
    {
        var credentials = CloudinaryCredentials.Parse("cloudinary://k:s@demo?upload_prefix=http://cloudinary.example.com");
        using var kit = new ClientTestKit(credentials);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => kit.Client.PingAsync(Ct));
        Assert.Contains("upload_prefix", ex.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Handler.Requests);
    }
}
