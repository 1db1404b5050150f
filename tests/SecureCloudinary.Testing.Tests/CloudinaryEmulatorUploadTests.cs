using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace SecureCloudinary.Testing.Tests;

public sealed class CloudinaryEmulatorUploadTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Upload_SignedBinary_StoresAssetAndReturnsCloudinaryShape()
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await CloudinaryEmulator.StartAsync(
            new CloudinaryEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var content = RandomNumberGenerator.GetBytes(5000);
        var timestamp = Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var reply = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string>
        {
            ["timestamp"] = timestamp, ["public_id"] = "cat", ["folder"] = "pets", ["tags"] = "a,b",
        }), content);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var json = reply.Json;
        Assert.Equal("pets/cat", json.GetProperty("public_id").GetString());
        Assert.Equal(Start.ToUnixTimeSeconds(), json.GetProperty("version").GetInt64());
        Assert.Equal(5000, json.GetProperty("bytes").GetInt64());
        Assert.Equal("png", json.GetProperty("format").GetString());
        Assert.Equal("image", json.GetProperty("resource_type").GetString());
        Assert.Equal("upload", json.GetProperty("type").GetString());
        Assert.Equal("photo", json.GetProperty("original_filename").GetString());
        Assert.Equal("2026-03-01T12:00:00Z", json.GetProperty("created_at").GetString());
        Assert.Equal(["a", "b"], json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal($"https://res.cloudinary.com/emulated/image/upload/v{timestamp}/pets/cat.png", json.GetProperty("secure_url").GetString());
        Assert.Matches("^[0-9a-f]{32}$", json.GetProperty("asset_id").GetString());
        var expectedSignature = Convert.ToHexStringLower(SHA1.HashData(
            Encoding.UTF8.GetBytes($"public_id=pets/cat&version={timestamp}{emulator.Credentials.ApiSecret}")));
        Assert.Equal(expectedSignature, json.GetProperty("signature").GetString());

        var asset = Assert.Single(emulator.Assets);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), asset.Sha256);
        Assert.Equal("a,b", asset.Parameters["tags"]);
        Assert.Same(asset, emulator.FindAsset("pets/cat"));
        Assert.DoesNotContain(emulator.Credentials.ApiSecret, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_NoPublicId_GeneratesRandomId()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var first = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, []), [1, 2, 3]);
        var second = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, []), [1, 2, 3]);

        Assert.Matches("^[a-z0-9]{20}$", first.Json.GetProperty("public_id").GetString());
        Assert.NotEqual(first.Json.GetProperty("public_id").GetString(), second.Json.GetProperty("public_id").GetString());
        Assert.Equal(2, emulator.Assets.Count);
    }

    [Fact]
    public async Task Upload_RemoteUrl_RecordedWithoutContent()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "remote" });
        fields["file"] = "https://images.example.invalid/cat.jpg";

        var reply = await http.UploadAsync(fields, file: null);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var asset = Assert.Single(emulator.Assets);
        Assert.Equal(new Uri("https://images.example.invalid/cat.jpg"), asset.RemoteUrl);
        Assert.Equal("jpg", asset.Format);
        Assert.Equal(0, asset.Bytes);
        Assert.Null(asset.Sha256);
    }

    [Fact]
    public async Task Upload_DataUri_DecodesContent()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        byte[] content = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        var fields = EmulatorHttp.Signed(emulator.Credentials, []);
        fields["file"] = "data:image/png;base64," + Convert.ToBase64String(content);

        var reply = await http.UploadAsync(fields, file: null);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("png", reply.Json.GetProperty("format").GetString());
        var asset = Assert.Single(emulator.Assets);
        Assert.Equal(content.Length, asset.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), asset.Sha256);
    }

    [Fact]
    public async Task Upload_OverwriteFalseOnExistingId_ReturnsExistingAsset()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var first = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "x" }), [1]);

        var second = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string>
        {
            ["public_id"] = "x", ["overwrite"] = "0",
        }), [1, 2, 3]);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.True(second.Json.GetProperty("existing").GetBoolean());
        Assert.Equal(first.Json.GetProperty("asset_id").GetString(), second.Json.GetProperty("asset_id").GetString());
        Assert.Equal(1, Assert.Single(emulator.Assets).Bytes);
    }

    [Fact]
    public async Task Upload_OverwriteDefault_ReplacesAsset()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "x" }), [1]);

        var second = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "x" }), [1, 2]);

        Assert.False(second.Json.TryGetProperty("existing", out _));
        Assert.Equal(2, Assert.Single(emulator.Assets).Bytes);
    }

    [Theory]
    [InlineData("clip.mp4", "video")]
    [InlineData("photo.webp", "image")]
    [InlineData("notes.bin", "raw")]
    public async Task Upload_AutoResourceType_ResolvedFromFormat(string fileName, string expected)
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var reply = await http.PostAsync("v1_1/emulated/auto/upload",
            EmulatorHttp.Form(EmulatorHttp.Signed(emulator.Credentials, []), [1, 2], fileName));

        Assert.Equal(expected, reply.Json.GetProperty("resource_type").GetString());
        Assert.Equal(expected, Assert.Single(emulator.Assets).ResourceType);
    }

    [Fact]
    public async Task Upload_UrlEncodedRemoteUrl_Accepted()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "r" });
        fields["file"] = "https://example.invalid/a.gif";

        var reply = await http.PostAsync("v1_1/emulated/image/upload", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("r", Assert.Single(emulator.Assets).PublicId);
    }

    [Theory]
    [InlineData("file", "Missing required parameter - file")]
    [InlineData("timestamp", "Missing required parameter - timestamp")]
    [InlineData("signature", "Missing required parameter - signature")]
    [InlineData("api_key", "Must supply api_key")]
    public async Task Upload_MissingParameter_Returns400(string missing, string message)
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, []);
        if (missing == "timestamp")
        {
            fields.Remove("timestamp");
            fields["signature"] = TestSigning.Sign(fields, emulator.Credentials.ApiSecret);
        }
        else
        {
            fields.Remove(missing);
        }

        var reply = await http.UploadAsync(fields, missing == "file" ? null : [1]);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(message, reply.ErrorMessage);
        Assert.Empty(emulator.Assets);
    }
}
