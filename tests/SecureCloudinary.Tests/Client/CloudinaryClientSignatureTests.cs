using System.Text.Json;

namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientSignatureTests
{
    private const string Sentinel = "SENTINEL-browser-s3cr3t";
    private static CancellationToken Ct => TestContext.Current.CancellationToken; // per test: a cached token would be the first test's

    [Fact]
    public async Task CreateUploadSignatureAsync_Parameters_SignsThemWithTimestamp()
    {
        using var kit = new ClientTestKit(new CloudinaryCredentials("demo", "123456789012345", Sentinel));
        var signature = await kit.Client.CreateUploadSignatureAsync(
            [new("folder", "users/42"), new("public_id", "avatar"), new("eager", ""), new("resource_type", "image")], Ct);

        Assert.Equal("demo", signature.CloudName);
        Assert.Equal("123456789012345", signature.ApiKey);
        Assert.Equal(ClientTestKit.Timestamp, signature.Timestamp);
        Assert.Equal("https://api.cloudinary.com/v1_1/demo/image/upload", signature.UploadUrl.AbsoluteUri);
        Assert.Equal(
            new Dictionary<string, string> { ["folder"] = "users/42", ["public_id"] = "avatar", ["timestamp"] = "1700000000" },
            signature.Parameters);
        Assert.Equal(ClientTestKit.Hash("folder=users/42&public_id=avatar&timestamp=1700000000", Sentinel), signature.Signature);
        Assert.Empty(kit.Handler.Requests);
    }

    [Fact]
    public async Task CreateUploadSignatureAsync_Result_NeverExposesSecret()
    {
        using var kit = new ClientTestKit(new CloudinaryCredentials("demo", "k", Sentinel));
        var signature = await kit.Client.CreateUploadSignatureAsync([new("folder", "x")], Ct);

        Assert.DoesNotContain(Sentinel, signature.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(signature.Signature, signature.ToString(), StringComparison.Ordinal);
        var everything = string.Join("|", signature.Parameters.Values)
            + signature.ApiKey + signature.CloudName + signature.Signature + signature.UploadUrl;
        Assert.DoesNotContain(Sentinel, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, JsonSerializer.Serialize(new { signature.Parameters, signature.ApiKey, signature.Signature }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUploadSignatureAsync_NoResourceType_UsesAutoUploadUrl()
    {
        using var kit = new ClientTestKit();
        var signature = await kit.Client.CreateUploadSignatureAsync([], Ct);
        Assert.EndsWith("/v1_1/demo/auto/upload", signature.UploadUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(ClientTestKit.Hash("timestamp=1700000000", "abcd"), signature.Signature);
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("file")]
    [InlineData("signature")]
    [InlineData("timestamp")]
    [InlineData("cloud_name")]
    public async Task CreateUploadSignatureAsync_ReservedParameter_Throws(string key)
    {
        using var kit = new ClientTestKit();
        var ex = await Assert.ThrowsAsync<ArgumentException>(
            async () => await kit.Client.CreateUploadSignatureAsync([new(key, "1")], Ct));
        Assert.Contains($"'{key}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUploadSignatureAsync_ReadsCredentialsEveryCall()
    {
        using var kit = new ClientTestKit(new CloudinaryCredentials("demo", "k1", "s1"));
        var first = await kit.Client.CreateUploadSignatureAsync([], Ct);
        kit.Provider.Current = new CloudinaryCredentials("demo", "k2", "s2");
        var second = await kit.Client.CreateUploadSignatureAsync([], Ct);

        Assert.Equal("k1", first.ApiKey);
        Assert.Equal("k2", second.ApiKey);
        Assert.Equal(ClientTestKit.Hash("timestamp=1700000000", "s2"), second.Signature);
    }
}
