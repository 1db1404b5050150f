using System.Text;
using SecureCloudinary.Models;

namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken; // per test: a cached token would be the first test's

    [Fact]
    public async Task UploadAsync_PublicIdAndEmptyOptions_MatchesVectorE8()
    {
        // Vector E8 (protocol notes §8.1): public_id=x, timestamp=1700000000, secret abcd; folder "" and tags [] dropped.
        using var kit = new ClientTestKit(new CloudinaryCredentials("demo", "123456789012345", "abcd"));
        var request = UploadRequest.FromDataUri("data:image/png;base64,iVBORw0KGgo=");
        request.PublicId = "x";
        request.Folder = string.Empty;
        request.Tags = [];
        await kit.Client.UploadAsync(request, Ct);

        var sent = Assert.Single(kit.Handler.Requests);
        Assert.Equal("https://api.cloudinary.com/v1_1/demo/image/upload", sent.Uri.AbsoluteUri);
        Assert.Null(sent.Authorization);
        Assert.Equal(["public_id", "timestamp", "signature", "api_key", "file"], sent.FieldOrder);
        Assert.Equal("x", sent.Fields["public_id"]);
        Assert.Equal("1700000000", sent.Fields["timestamp"]);
        Assert.Equal("84b5780ad42bd0a0487d4da1747f5100adc73625", sent.Fields["signature"]);
        Assert.Equal("123456789012345", sent.Fields["api_key"]);
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", sent.Fields["file"]);
    }

    [Fact]
    public async Task UploadAsync_AllOptions_SendsExactFieldsAndSignsThemAll()
    {
        using var kit = new ClientTestKit(new CloudinaryCredentials("demo", "k1", "S3cr3t-XyZ_123"));
        var request = UploadRequest.FromRemoteUrl(new Uri("https://example.com/cat.jpg"));
        request.ResourceType = "auto";
        request.PublicId = "folder/my image";
        request.Folder = "products";
        request.Tags = ["a", "b", "c"];
        request.Overwrite = true;
        request.Context = new Dictionary<string, string> { ["alt"] = "x=y|z", ["caption"] = "Café" };
        request.Eager = "w_400,h_300,c_pad|w_260,h_200,c_crop";
        request.UniqueFilename = false;
        request.UseFilename = true;
        request.Invalidate = false;
        request.NotificationUrl = new Uri("https://hooks.example.com/cb?a=1&b=2");
        request.DeliveryType = "authenticated";
        request.AdditionalParameters = new Dictionary<string, string?> { ["upload_preset"] = "signed_x", ["empty"] = "", ["none"] = null };
        await kit.Client.UploadAsync(request, Ct);

        var sent = Assert.Single(kit.Handler.Requests);
        Assert.Equal("/v1_1/demo/auto/upload", sent.Uri.AbsolutePath);
        var expected = new Dictionary<string, string>
        {
            ["public_id"] = "folder/my image",
            ["folder"] = "products",
            ["tags"] = "a,b,c",
            ["overwrite"] = "1",
            ["context"] = @"alt=x\=y\|z|caption=Café",
            ["eager"] = "w_400,h_300,c_pad|w_260,h_200,c_crop",
            ["unique_filename"] = "0",
            ["use_filename"] = "1",
            ["invalidate"] = "0",
            ["notification_url"] = "https://hooks.example.com/cb?a=1&b=2",
            ["type"] = "authenticated",
            ["upload_preset"] = "signed_x",
            ["timestamp"] = "1700000000",
            ["api_key"] = "k1",
            ["file"] = "https://example.com/cat.jpg",
        };
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, sent.Fields[key]);
        }

        Assert.Equal(expected.Count + 1, sent.Fields.Count); // + signature; "empty" and "none" were not sent
        var toSign = @"context=alt=x\=y\|z|caption=Café&eager=w_400,h_300,c_pad|w_260,h_200,c_crop&folder=products&invalidate=0"
            + "&notification_url=https://hooks.example.com/cb?a=1%26b=2&overwrite=1&public_id=folder/my image&tags=a,b,c"
            + "&timestamp=1700000000&type=authenticated&unique_filename=0&upload_preset=signed_x&use_filename=1";
        Assert.Equal(ClientTestKit.Hash(toSign, "S3cr3t-XyZ_123"), sent.Fields["signature"]);
    }

    [Fact]
    public async Task UploadAsync_Sha256FromOptions_SignsWithSha256()
    {
        using var kit = new ClientTestKit(options: new CloudinaryClientOptions { SignatureAlgorithm = SignatureAlgorithm.Sha256 });
        var request = UploadRequest.FromDataUri("data:,x");
        request.PublicId = "sample";
        await kit.Client.UploadAsync(request, Ct);

        var sent = Assert.Single(kit.Handler.Requests);
        Assert.Equal(64, sent.Fields["signature"].Length);
        Assert.Equal(ClientTestKit.Hash("public_id=sample&timestamp=1700000000", "abcd", sha256: true), sent.Fields["signature"]);
    }

    [Fact]
    public async Task UploadAsync_Sha256FromCredentialSettings_SignsWithSha256()
    {
        using var kit = new ClientTestKit(CloudinaryCredentials.Parse("cloudinary://k:abcd@demo?signature_algorithm=sha256"));
        await kit.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct);
        Assert.Equal(ClientTestKit.Hash("timestamp=1700000000", "abcd", sha256: true), kit.Handler.Requests[0].Fields["signature"]);
    }

    [Fact]
    public async Task UploadAsync_Stream_SendsBytesWithFileNameAndLeavesStreamOpen()
    {
        using var kit = new ClientTestKit();
        var stream = new GeneratedStream(1000, seekable: true);
        stream.Position = 100;
        var result = await kit.Client.UploadAsync(UploadRequest.FromStream(stream, "photo.jpg"), Ct);

        var sent = Assert.Single(kit.Handler.Requests);
        Assert.Equal("photo.jpg", sent.FileName);
        Assert.Equal(Enumerable.Range(100, 900).Select(i => GeneratedStream.ByteAt(i)), sent.FileBytes!);
        Assert.Null(sent.ContentRange);
        Assert.Null(sent.UploadId);
        Assert.DoesNotContain("file", sent.Fields.Keys);
        Assert.False(stream.Disposed);
        Assert.Equal("sample", result.PublicId);
        Assert.Equal(ClientTestKit.ExpectedSignature(sent, "abcd"), sent.Fields["signature"]);
    }

    [Fact]
    public async Task UploadAsync_FilePath_SendsFileContentAndName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sc-upload-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "hello cloudinary", Ct);
        try
        {
            using var kit = new ClientTestKit();
            var request = UploadRequest.FromFile(path);
            request.ResourceType = "raw";
            await kit.Client.UploadAsync(request, Ct);

            var sent = Assert.Single(kit.Handler.Requests);
            Assert.Equal("/v1_1/demo/raw/upload", sent.Uri.AbsolutePath);
            Assert.Equal(Path.GetFileName(path), sent.FileName);
            Assert.Equal("hello cloudinary", Encoding.UTF8.GetString(sent.FileBytes!));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task UploadAsync_ResponseFields_AreParsed()
    {
        const string json = """
            {"asset_id":"a1","public_id":"p","version":1312461204,"version_id":"v","width":864,"height":576,"format":"jpg",
             "resource_type":"image","created_at":"2026-11-28T10:00:00Z","tags":["t1"],"bytes":120253,"type":"upload",
             "etag":"e","url":"http://res.cloudinary.com/demo/image/upload/v1312461204/p.jpg",
             "secure_url":"https://res.cloudinary.com/demo/image/upload/v1312461204/p.jpg","original_filename":"cat","api_key":"k"}
            """;
        using var kit = new ClientTestKit(responder: _ => StubHttpHandler.Json(System.Net.HttpStatusCode.OK, json));
        var result = await kit.Client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct);

        Assert.Equal("p", result.PublicId);
        Assert.Equal(1312461204, result.Version);
        Assert.Equal("https://res.cloudinary.com/demo/image/upload/v1312461204/p.jpg", result.SecureUrl!.AbsoluteUri);
        Assert.Equal("jpg", result.Format);
        Assert.Equal("image", result.ResourceType);
        Assert.Equal("upload", result.DeliveryType);
        Assert.Equal(120253, result.Bytes);
        Assert.Equal(864, result.Width);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), result.CreatedAt);
        Assert.Equal(["t1"], result.Tags!);
        Assert.Equal("cat", result.OriginalFilename);
        Assert.True(result.AdditionalData!.ContainsKey("api_key"));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("api_key")]
    [InlineData("signature")]
    [InlineData("timestamp")]
    [InlineData("resource_type")]
    [InlineData("cloud_name")]
    public async Task UploadAsync_ReservedAdditionalParameter_ThrowsNamingIt(string key)
    {
        using var kit = new ClientTestKit();
        var request = UploadRequest.FromDataUri("data:,x");
        request.AdditionalParameters = new Dictionary<string, string?> { [key] = "v" };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => kit.Client.UploadAsync(request, Ct));
        Assert.Contains($"'{key}'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Handler.Requests);
    }

    [Fact]
    public async Task UploadAsync_AdditionalParameterRepeatsProperty_Throws()
    {
        using var kit = new ClientTestKit();
        var request = UploadRequest.FromDataUri("data:,x");
        request.PublicId = "a";
        request.AdditionalParameters = new Dictionary<string, string?> { ["public_id"] = "b" };
        await Assert.ThrowsAsync<ArgumentException>(() => kit.Client.UploadAsync(request, Ct));
    }

    [Theory]
    [InlineData("images")]
    [InlineData("../admin")]
    [InlineData("")]
    public async Task UploadAsync_InvalidResourceType_ThrowsNamingProperty(string resourceType)
    {
        using var kit = new ClientTestKit();
        var request = UploadRequest.FromDataUri("data:,x");
        request.ResourceType = resourceType;
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => kit.Client.UploadAsync(request, Ct));
        Assert.Contains("ResourceType", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDataUri_NotDataUri_ThrowsWithoutEchoingValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => UploadRequest.FromDataUri("cloudinary://k:sentinel@x"));
        Assert.DoesNotContain("sentinel", ex.Message, StringComparison.Ordinal);
    }
}
