using System.Buffers;
using System.Security.Cryptography;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Stream helpers for form sections: hash content without keeping it, or read a size-capped value.</summary>
internal static class StreamReading
{
    /// <summary>Hashes <paramref name="source"/>; also copies it into <paramref name="keep"/> while it stays within <paramref name="keepLimit"/> bytes.</summary>
    public static async Task<long> HashAsync(
        Stream source, IncrementalHash hash, CancellationToken cancellationToken, MemoryStream? keep = null, long keepLimit = 0)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
                if (keep is not null && total <= keepLimit)
                {
                    keep.Write(buffer, 0, read);
                }
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<byte[]> ReadCappedAsync(Stream source, long limit, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw EmulatorException.BadRequest($"Parameter {name} is too long");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
