using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using QuickStart;

namespace SecureCloudinary.Cli.Tests.QuickStart;

public sealed class TinyPngTests
{
    [Fact]
    public void Crc32_IendChunkType_MatchesThePngSpecConstant() =>
        Assert.Equal(0xAE426082u, TinyPng.Crc32("IEND"u8));

    [Fact]
    public void Crc32_CheckString_MatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, TinyPng.Crc32("123456789"u8));

    [Fact]
    public void Create_Default_IsAWellFormedPngWithValidChunks()
    {
        var png = TinyPng.Create(16, 8);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = ReadChunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var header = chunks[0].Data;
        Assert.Equal(16, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(8, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, header[8..]);
        using var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress);
        using var pixels = new MemoryStream();
        zlib.CopyTo(pixels);
        Assert.Equal(8 * (1 + (3 * 16)), pixels.Length);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 257)]
    public void Create_SizeOutOfRange_Throws(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TinyPng.Create(width, height));

    private static List<(string Type, byte[] Data)> ReadChunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var typeAndData = png.AsSpan(offset + 4, 4 + length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(crc, TinyPng.Crc32(typeAndData));
            chunks.Add((Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray()));
            offset += 12 + length;
        }

        return chunks;
    }
}
