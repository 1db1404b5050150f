using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using SecureCloudinary.Internal;
using SecureCloudinary.Models;

namespace SecureCloudinary;

public partial class CloudinaryClient
{
    private const string UniqueUploadIdHeader = "X-Unique-Upload-Id";

    /// <summary>
    /// Sends the stream in chunks (a 401 with rotated credentials repeats only the failed chunk), each a complete request signed with a fresh timestamp, all sharing one
    /// <c>X-Unique-Upload-Id</c> and carrying <c>Content-Range</c>. One pooled chunk buffer is reused, so memory
    /// stays about one chunk. Stops at the first error; the last chunk's answer is the result.
    /// </summary>
    /// <remarks><c>total</c> is the number of bytes to send, or null when the stream's length is unknown.</remarks>
    private async Task<UploadResult> UploadChunkedAsync(
        UploadTarget target, Stream stream, long? total, string fileName, CancellationToken cancellationToken)
    {
        var chunkSize = _options.ChunkSize;
        if (chunkSize <= 0)
        {
            throw new InvalidOperationException("Cloudinary:ChunkSize must be a positive number of bytes.");
        }

        var uploadId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            long start = 0;
            var carry = -1;
            while (true)
            {
                var filled = 0;
                if (carry >= 0)
                {
                    buffer[0] = (byte)carry;
                    filled = 1;
                }

                filled += await stream.ReadAtLeastAsync(
                    buffer.AsMemory(filled, chunkSize - filled), chunkSize - filled, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                bool last;
                if (filled < chunkSize)
                {
                    last = true;
                }
                else if (total is { } known)
                {
                    last = start + filled >= known;
                }
                else
                {
                    carry = await ReadByteAsync(stream, cancellationToken).ConfigureAwait(false);
                    last = carry < 0;
                }

                if (filled == 0 && start > 0)
                {
                    throw new EndOfStreamException("The upload stream ended before its declared length.");
                }

                if (last && start == 0 && total is null)
                {
                    // The whole stream fit into one chunk: a plain upload, no chunk headers.
                    return await SendChunkAsync(target, buffer, filled, fileName, range: null, uploadId: null, cancellationToken).ConfigureAwait(false);
                }

                var end = start + filled - 1;
                var rangeTotal = last ? start + filled : total ?? -1;
                var range = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{end}/{rangeTotal}");
                LogChunk(_logger, uploadId, start, end, rangeTotal.ToString(CultureInfo.InvariantCulture));
                var result = await SendChunkAsync(target, buffer, filled, fileName, range, uploadId, cancellationToken).ConfigureAwait(false);
                if (last)
                {
                    return result;
                }

                start += filled;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task<UploadResult> SendChunkAsync(
        UploadTarget target, byte[] buffer, int count, string fileName, string? range, string? uploadId, CancellationToken cancellationToken) =>
        SendAsync(
            UploadOperation,
            target.Lease,
            (credentials, timestamp) =>
            {
                var part = new ByteArrayContent(buffer, 0, count);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                var request = CreateUploadRequest(target, credentials, timestamp, part, fileName);
                if (uploadId is not null)
                {
                    request.Headers.TryAddWithoutValidation(UniqueUploadIdHeader, uploadId);
                }

                if (range is not null)
                {
                    request.Content!.Headers.TryAddWithoutValidation("Content-Range", range);
                }

                return request;
            },
            replayable: true,
            CloudinaryJsonContext.Default.UploadResult,
            cancellationToken);

    private static async ValueTask<int> ReadByteAsync(Stream stream, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        var read = await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false);
        return read == 0 ? -1 : one[0];
    }
}
