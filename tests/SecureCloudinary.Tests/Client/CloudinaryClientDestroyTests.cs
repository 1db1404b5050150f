using System.Net;
using SecureCloudinary.Models;

namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientDestroyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken; // per test: a cached token would be the first test's

    [Fact]
    public async Task DestroyAsync_WithOptions_PostsSignedFieldsToResourceTypeDestroy()
    {
        using var kit = new ClientTestKit(responder: _ => StubHttpHandler.Json(HttpStatusCode.OK, """{"result":"ok"}"""));
        var result = await kit.Client.DestroyAsync(
            "folder/sample", new DestroyOptions { ResourceType = "video", DeliveryType = "upload", Invalidate = true }, Ct);

        var sent = Assert.Single(kit.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cloudinary.com/v1_1/demo/video/destroy", sent.Uri.AbsoluteUri);
        Assert.Equal(["api_key", "invalidate", "public_id", "signature", "timestamp", "type"], sent.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("folder/sample", sent.Fields["public_id"]);
        Assert.Equal("1", sent.Fields["invalidate"]);
        Assert.Equal(
            ClientTestKit.Hash("invalidate=1&public_id=folder/sample&timestamp=1700000000&type=upload", "abcd"),
            sent.Fields["signature"]);
        Assert.True(result.IsOk);
    }

    [Fact]
    public async Task DestroyAsync_Defaults_SignsPublicIdAndTimestampOnly()
    {
        using var kit = new ClientTestKit(responder: _ => StubHttpHandler.Json(HttpStatusCode.OK, """{"result":"not found"}"""));
        var result = await kit.Client.DestroyAsync("sample", cancellationToken: Ct);

        var sent = Assert.Single(kit.Handler.Requests);
        Assert.Equal("/v1_1/demo/image/destroy", sent.Uri.AbsolutePath);
        Assert.Equal(4, sent.Fields.Count);
        // T1 vector: public_id=sample&timestamp=1315060510 with secret abcd; here at 1700000000, recomputed by hand.
        Assert.Equal(ClientTestKit.Hash("public_id=sample&timestamp=1700000000", "abcd"), sent.Fields["signature"]);
        Assert.Equal("not found", result.Result);
        Assert.False(result.IsOk);
    }

    [Fact]
    public async Task DestroyAsync_T1Timestamp_MatchesKnownSignature()
    {
        using var kit = new ClientTestKit(timestamp: 1315060510);
        await kit.Client.DestroyAsync("sample", cancellationToken: Ct);
        Assert.Equal("c3470533147774275dd37996cc4d0e68fd03cd4f", kit.Handler.Requests[0].Fields["signature"]);
    }

    [Fact]
    public async Task DestroyAsync_AutoResourceType_Throws()
    {
        using var kit = new ClientTestKit();
        await Assert.ThrowsAsync<ArgumentException>(
            () => kit.Client.DestroyAsync("x", new DestroyOptions { ResourceType = "auto" }, Ct));
    }
}
