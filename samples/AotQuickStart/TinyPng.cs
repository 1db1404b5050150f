using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AotQuickStart;

/// <summary>Writes a small, valid RGB PNG in memory, so the sample needs no image file.</summary>
public static class TinyPng
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Creates a PNG of the given size with a colour gradient.</summary>
    /// <param name="width">Width in pixels (1–256).</param>
    /// <param name="height">Height in pixels (1–256).</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] Create(int width = 16, int height = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 256);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 256);

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB; compression, filter and interlace stay 0
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", Compress(Pixels(width, height)));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The CRC-32 (ISO-HDLC, as PNG uses) of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The checksum.</returns>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static byte[] Pixels(int width, int height)
    {
        var rowLength = 1 + (3 * width); // each scanline starts with filter type 0
        var pixels = new byte[rowLength * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var offset = (y * rowLength) + 1 + (3 * x);
                pixels[offset] = (byte)(255 * x / width);
                pixels[offset + 1] = (byte)(255 * y / height);
                pixels[offset + 2] = 0xC0;
            }
        }

        return pixels;
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        png.Write(buffer);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc32(typeAndData));
        png.Write(buffer);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
