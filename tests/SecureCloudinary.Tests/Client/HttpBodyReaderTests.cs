using System.Net;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Client;

public sealed class HttpBodyReaderTests
{
    [Fact]
    public async Task ReadCappedAsync_BodyWithinCap_ReturnsAllBytes()
    {
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        using var content = new ByteArrayContent(data);
        var read = await HttpBodyReader.ReadCappedAsync(content, 5000, TestContext.Current.CancellationToken);
        Assert.Equal(data, read);
    }

    [Fact]
    public async Task ReadCappedAsync_DeclaredLengthOverCap_ThrowsWithoutReading()
    {
        using var content = new ByteArrayContent(new byte[101]);
        var ex = await Assert.ThrowsAsync<InvalidDataException>(
            () => HttpBodyReader.ReadCappedAsync(content, 100, TestContext.Current.CancellationToken));
        Assert.Contains("100 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadCappedAsync_UndeclaredLengthOverCap_StopsAtCap()
    {
        var stream = new GeneratedStream(10_000_000, seekable: false);
        using var content = new StreamContent(stream);
        await Assert.ThrowsAsync<InvalidDataException>(
            () => HttpBodyReader.ReadCappedAsync(content, 64 * 1024, TestContext.Current.CancellationToken));
        Assert.True(stream.BytesRead < 1024 * 1024, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public async Task ReadCappedAsync_UndeclaredLengthLargerThanInitialBuffer_ReadsAll()
    {
        using var content = new StreamContent(new GeneratedStream(300_000, seekable: false));
        var read = await HttpBodyReader.ReadCappedAsync(content, 300_000, TestContext.Current.CancellationToken);
        Assert.Equal(300_000, read.Length);
        Assert.Equal(GeneratedStream.ByteAt(299_999), read[^1]);
    }

    [Fact]
    public async Task ReadCappedAsync_EmptyBody_ReturnsEmpty()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        var read = await HttpBodyReader.ReadCappedAsync(response.Content, 10, TestContext.Current.CancellationToken);
        Assert.Empty(read);
    }
}
