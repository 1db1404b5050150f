using System.Buffers;

namespace SecureCloudinary.Internal;

/// <summary>
/// Reads an HTTP response body with a size cap, so a hostile or broken server cannot make us buffer without
/// limit. Used for every response body read from the network.
/// </summary>
internal static class HttpBodyReader
{
    private const int InitialBufferSize = 16 * 1024;

    /// <summary>Reads the whole body, or throws when it is longer than <paramref name="maxBytes"/>.</summary>
    /// <param name="content">The response content.</param>
    /// <param name="maxBytes">The largest body accepted, in bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body bytes.</returns>
    /// <exception cref="InvalidDataException">The body is longer than the cap; the body is not included.</exception>
    public static async Task<byte[]> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var size = (int)Math.Min(declared ?? InitialBufferSize, maxBytes) + 1;
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 256));
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > maxBytes)
                        {
                            throw TooLarge(maxBytes);
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > maxBytes)
                    {
                        throw TooLarge(maxBytes);
                    }
                }

                return buffer.AsSpan(0, length).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Reads the whole body like <see cref="ReadCappedAsync(HttpContent, int, CancellationToken)"/>, giving up after
    /// <paramref name="timeout"/>: <see cref="HttpClient.Timeout"/> does not cover a body read after
    /// <see cref="HttpCompletionOption.ResponseHeadersRead"/>, so a server that stalls mid-body would hang the caller.
    /// </summary>
    /// <param name="content">The response content.</param>
    /// <param name="maxBytes">The largest body accepted, in bytes.</param>
    /// <param name="timeout">The longest the read may take; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body bytes.</returns>
    /// <exception cref="InvalidDataException">The body is longer than the cap.</exception>
    /// <exception cref="TaskCanceledException">The read took longer than <paramref name="timeout"/> (inner <see cref="TimeoutException"/>).</exception>
    public static async Task<byte[]> ReadCappedAsync(HttpContent content, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan || timeout <= TimeSpan.Zero)
        {
            return await ReadCappedAsync(content, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await ReadCappedAsync(content, maxBytes, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaskCanceledException(
                $"The response body was not received within {timeout.TotalMilliseconds:0} ms.", new TimeoutException());
        }
    }

    private static InvalidDataException TooLarge(int maxBytes) =>
        new($"The response body exceeded the limit of {maxBytes} bytes.");
}
