using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace SecureCloudinary.Testing.Tests;

public sealed class CloudinaryEmulatorChunkedUploadTests
{
    private const int ChunkSize = 64 * 1024;

    [Fact]
    public async Task Upload_ThreeChunksTotalUnknownUntilLast_AssemblesContent()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var content = RandomNumberGenerator.GetBytes(3 * ChunkSize);

        var first = await SendChunkAsync(http, emulator.Credentials, "up1", content, 0, ChunkSize, "-1");
        var second = await SendChunkAsync(http, emulator.Credentials, "up1", content, ChunkSize, ChunkSize, "-1");
        var last = await SendChunkAsync(http, emulator.Credentials, "up1", content, 2 * ChunkSize, ChunkSize, content.Length.ToString(CultureInfo.InvariantCulture));

        Assert.False(first.Json.GetProperty("done").GetBoolean());
        Assert.Equal(ChunkSize, first.Json.GetProperty("bytes").GetInt64());
        Assert.Equal(2 * ChunkSize, second.Json.GetProperty("bytes").GetInt64());
        Assert.Equal(HttpStatusCode.OK, last.Status);
        Assert.Equal("big", last.Json.GetProperty("public_id").GetString());
        Assert.Equal(content.Length, last.Json.GetProperty("bytes").GetInt64());
        var asset = Assert.Single(emulator.Assets);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), asset.Sha256);
        Assert.Equal(3, asset.ChunkCount);
        Assert.All(emulator.Requests, r => Assert.Equal("up1", r.UploadId));
        Assert.Equal("bytes 65536-131071/-1", emulator.Requests[1].ContentRange);
    }

    [Fact]
    public async Task Upload_ContentRangeAsContentHeaderWithKnownTotal_Accepted()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var content = RandomNumberGenerator.GetBytes(ChunkSize + 100);
        var total = content.Length.ToString(CultureInfo.InvariantCulture);

        var first = await SendChunkAsync(http, emulator.Credentials, "up2", content, 0, ChunkSize, total);
        var last = await SendChunkAsync(http, emulator.Credentials, "up2", content, ChunkSize, 100, total);

        Assert.False(first.Json.GetProperty("done").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, last.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), Assert.Single(emulator.Assets).Sha256);
    }

    [Fact]
    public async Task Upload_ChunkOutOfOrderOrOverlapping_Returns400()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var content = RandomNumberGenerator.GetBytes(3 * ChunkSize);
        await SendChunkAsync(http, emulator.Credentials, "up3", content, 0, ChunkSize, "-1");

        var skipped = await SendChunkAsync(http, emulator.Credentials, "up3", content, 2 * ChunkSize, ChunkSize, "-1");
        var repeated = await SendChunkAsync(http, emulator.Credentials, "up3", content, 0, ChunkSize, "-1");
        var next = await SendChunkAsync(http, emulator.Credentials, "up3", content, ChunkSize, ChunkSize, "-1");

        Assert.Equal(HttpStatusCode.BadRequest, skipped.Status);
        Assert.Equal("Chunk out of order - expected a range starting at byte 65536, got 131072", skipped.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, repeated.Status);
        Assert.Equal(2 * ChunkSize, next.Json.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Upload_ChunkWithBadSignature_DoesNotCorruptUpload()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var content = RandomNumberGenerator.GetBytes(2 * ChunkSize);
        var total = content.Length.ToString(CultureInfo.InvariantCulture);
        var wrong = new CloudinaryCredentials(emulator.CloudName, emulator.Credentials.ApiKey, "wrong-secret");
        await SendChunkAsync(http, emulator.Credentials, "up4", content, 0, ChunkSize, total);

        var rejected = await SendChunkAsync(http, wrong, "up4", content, ChunkSize, ChunkSize, total);
        var accepted = await SendChunkAsync(http, emulator.Credentials, "up4", content, ChunkSize, ChunkSize, total);

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), Assert.Single(emulator.Assets).Sha256);
    }

    [Fact]
    public async Task Upload_RangeLengthDiffersFromChunk_Returns400()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var fields = EmulatorHttp.Signed(emulator.Credentials, []);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1_1/emulated/image/upload") { Content = EmulatorHttp.Form(fields, new byte[10]) };
        request.Headers.Add("X-Unique-Upload-Id", "up5");
        request.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes 0-19/-1");

        var reply = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("Content-Range covers 20 bytes but the chunk has 10", reply.ErrorMessage);
    }

    [Fact]
    public async Task Upload_ChunkBelowConfiguredMinimum_Returns400()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(
            new CloudinaryEmulatorOptions { MinimumChunkSize = 5_000_000 }, TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var content = RandomNumberGenerator.GetBytes(2 * ChunkSize);

        var reply = await SendChunkAsync(http, emulator.Credentials, "up6", content, 0, ChunkSize, "-1");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("Chunk size 65536 is below the minimum", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_TwentyMegabyteChunk_Accepted()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var content = RandomNumberGenerator.GetBytes((21 * 1024 * 1024) + 10);
        var total = content.Length.ToString(CultureInfo.InvariantCulture);

        var first = await SendChunkAsync(http, emulator.Credentials, "up7", content, 0, 21 * 1024 * 1024, total);
        var last = await SendChunkAsync(http, emulator.Credentials, "up7", content, 21 * 1024 * 1024, 10, total);

        Assert.False(first.Json.GetProperty("done").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, last.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), Assert.Single(emulator.Assets).Sha256);
    }

    private static Task<EmulatorHttp.Reply> SendChunkAsync(
        EmulatorHttp http, CloudinaryCredentials credentials, string uploadId, byte[] content, int start, int length, string total)
    {
        var fields = EmulatorHttp.Signed(credentials, new Dictionary<string, string> { ["public_id"] = "big" });
        var form = EmulatorHttp.Form(fields, content[start..(start + length)], "big.bin");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1_1/emulated/raw/upload", UriKind.Relative)) { Content = form };
        request.Headers.Add("X-Unique-Upload-Id", uploadId);
        var range = $"bytes {start}-{start + length - 1}/{total}";
        if (total == "-1")
        {
            Assert.True(form.Headers.TryAddWithoutValidation("Content-Range", range));
        }
        else
        {
            form.Headers.ContentRange = ContentRangeHeaderValue.Parse(range);
        }

        return http.SendAsync(request);
    }
}
