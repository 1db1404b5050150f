using System.Net;
using System.Security.Cryptography;
using SecureCloudinary.Models;

namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientChunkedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken; // per test: a cached token would be the first test's

    private static CloudinaryClientOptions SmallChunks(int chunkSize = 1000, long threshold = 1500) =>
        new() { ChunkSize = chunkSize, ChunkedUploadThreshold = threshold };

    private static HttpResponseMessage ChunkAnswer(CapturedRequest request) =>
        request.ContentRange is { } range && range.EndsWith("/-1", StringComparison.Ordinal)
            ? StubHttpHandler.Json(HttpStatusCode.OK, """{"done":false}""")
            : StubHttpHandler.Json(HttpStatusCode.OK, $$"""{"public_id":"big","bytes":{{request.ContentRange?.Split('/')[1] ?? "0"}}}""");

    [Fact]
    public async Task UploadAsync_SeekableStreamOverThreshold_SendsChunksWithKnownTotal()
    {
        using var kit = new ClientTestKit(options: SmallChunks(), responder: ChunkAnswer);
        kit.Handler.OnRequest = (_, _) => kit.Time.Advance(TimeSpan.FromSeconds(1));
        var stream = new GeneratedStream(2500, seekable: true);
        var result = await kit.Client.UploadAsync(UploadRequest.FromStream(stream, "big.bin"), Ct);

        var requests = kit.Handler.Requests;
        Assert.Equal(["bytes 0-999/2500", "bytes 1000-1999/2500", "bytes 2000-2499/2500"], requests.Select(r => r.ContentRange));
        Assert.Equal([1000L, 1000L, 500L], requests.Select(r => r.FileLength));
        Assert.Single(requests.Select(r => r.UploadId).Distinct());
        Assert.Matches("^[0-9a-f]{32}$", requests[0].UploadId!);
        Assert.Equal(["1700000000", "1700000001", "1700000002"], requests.Select(r => r.Fields["timestamp"]));
        Assert.All(requests, r => Assert.Equal(ClientTestKit.ExpectedSignature(r, "abcd"), r.Fields["signature"]));
        Assert.All(requests, r => Assert.Equal("big.bin", r.FileName));
        var sent = requests.SelectMany(r => r.FileBytes!).ToArray();
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => GeneratedStream.ByteAt(i)), sent);
        Assert.Equal("big", result.PublicId);
        Assert.Equal(2500, result.Bytes);
    }

    [Fact]
    public async Task UploadAsync_NonSeekableStream_SendsMinusOneUntilLastChunk()
    {
        using var kit = new ClientTestKit(options: SmallChunks(), responder: ChunkAnswer);
        var stream = new GeneratedStream(3000, seekable: false);
        var result = await kit.Client.UploadAsync(UploadRequest.FromStream(stream, "pipe.bin"), Ct);

        var requests = kit.Handler.Requests;
        Assert.Equal(["bytes 0-999/-1", "bytes 1000-1999/-1", "bytes 2000-2999/3000"], requests.Select(r => r.ContentRange));
        Assert.Single(requests.Select(r => r.UploadId).Distinct());
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => GeneratedStream.ByteAt(i)), requests.SelectMany(r => r.FileBytes!));
        Assert.Equal(3000, result.Bytes);
    }

    [Fact]
    public async Task UploadAsync_NonSeekableStreamWithinOneChunk_SendsPlainUpload()
    {
        using var kit = new ClientTestKit(options: SmallChunks());
        await kit.Client.UploadAsync(UploadRequest.FromStream(new GeneratedStream(700, seekable: false), "s.bin"), Ct);

        var sent = Assert.Single(kit.Handler.Requests);
        Assert.Null(sent.ContentRange);
        Assert.Null(sent.UploadId);
        Assert.Equal(700, sent.FileLength);
    }

    [Fact]
    public async Task UploadAsync_SeekableStreamAtThreshold_IsNotChunked()
    {
        using var kit = new ClientTestKit(options: SmallChunks());
        await kit.Client.UploadAsync(UploadRequest.FromStream(new GeneratedStream(1500, seekable: true), "s.bin"), Ct);
        Assert.Null(Assert.Single(kit.Handler.Requests).ContentRange);
    }

    [Fact]
    public async Task UploadAsync_ChunkFails_StopsAtFirstError()
    {
        using var kit = new ClientTestKit(
            options: SmallChunks(),
            responder: r => r.ContentRange!.StartsWith("bytes 1000", StringComparison.Ordinal)
                ? StubHttpHandler.Json(HttpStatusCode.BadRequest, """{"error":{"message":"Chunk rejected"}}""")
                : StubHttpHandler.Json(HttpStatusCode.OK, """{"done":false}"""));
        var ex = await Assert.ThrowsAsync<CloudinaryApiException>(
            () => kit.Client.UploadAsync(UploadRequest.FromStream(new GeneratedStream(5000, seekable: true), "x"), Ct));

        Assert.Equal("Chunk rejected", ex.Message);
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task UploadAsync_60MbStreamIn20MbChunks_ReadsAtMostOneChunkAhead()
    {
        const long size = 60_000_000;
        const int chunk = CloudinaryClientOptions.DefaultChunkSize;
        foreach (var seekable in new[] { true, false })
        {
            using var kit = new ClientTestKit(responder: ChunkAnswer);
            kit.Handler.KeepFileBytesUpTo = 0;
            var stream = new GeneratedStream(size, seekable);
            var readAtSend = new List<long>();
            kit.Handler.OnRequest = (_, _) => readAtSend.Add(stream.BytesRead);
            await kit.Client.UploadAsync(UploadRequest.FromStream(stream, "huge.bin"), Ct);

            var requests = kit.Handler.Requests;
            Assert.Equal(3, requests.Count);
            Assert.All(requests, r => Assert.Equal(chunk, r.FileLength));
            for (var i = 0; i < requests.Count; i++)
            {
                // When chunk i is sent, at most chunk i (plus one look-ahead byte) has been read from the stream.
                Assert.InRange(readAtSend[i], (i + 1L) * chunk, ((i + 1L) * chunk) + 1);
            }

            Assert.Equal(seekable ? "bytes 0-19999999/60000000" : "bytes 0-19999999/-1", requests[0].ContentRange);
            Assert.Equal("bytes 40000000-59999999/60000000", requests[2].ContentRange);
        }
    }

    [Fact]
    public async Task UploadAsync_ChunkedContent_IsExactlyTheStreamBytes()
    {
        using var kit = new ClientTestKit(options: SmallChunks(4096, 4096), responder: ChunkAnswer);
        kit.Handler.KeepFileBytesUpTo = int.MaxValue;
        var stream = new GeneratedStream(100_001, seekable: false);
        await kit.Client.UploadAsync(UploadRequest.FromStream(stream, "x"), Ct);

        var expected = SHA256.HashData(Enumerable.Range(0, 100_001).Select(i => GeneratedStream.ByteAt(i)).ToArray());
        var actual = SHA256.HashData(kit.Handler.Requests.SelectMany(r => r.FileBytes!).ToArray());
        Assert.Equal(expected, actual);
        Assert.Equal(25, kit.Handler.Requests.Count);
        Assert.Equal("bytes 98304-100000/100001", kit.Handler.Requests[^1].ContentRange);
    }
}
