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
    /// Sends the stream in chunks, each a complete request signed with a fresh timestamp, all sharing one
    /// <c>X-Unique-Upload-Id</c> and carrying <c>Content-Range</c>. One pooled chunk buffer is reused, so memory
    /// stays about one chunk. Stops at the first error; the last chunk's answer is the result.
    /// When a 401 brings other credentials (a rotation) the upload is not continued under the same upload id with
    /// the new key (nothing shows Cloudinary accepts that): it restarts once from the first chunk with a new
    /// <c>X-Unique-Upload-Id</c>. A stream that cannot seek can only restart while its first chunk is still in
    /// the buffer; later, the upload fails with a message saying so.
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

        var origin = stream.CanSeek ? stream.Position : 0;
        var uploadId = NewUploadId();
        var uploadCredentials = target.Lease.Credentials;
        var restarted = false;
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
                UploadResult? result = null;
                while (true)
                {
                    LogChunk(_logger, uploadId, start, end, rangeTotal.ToString(CultureInfo.InvariantCulture));
                    try
                    {
                        result = await SendChunkAsync(target, buffer, filled, fileName, range, uploadId, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (CloudinaryApiException ex) when (
                        ex.IsAuthenticationFailure && !restarted && !target.Lease.Credentials.Equals(uploadCredentials))
                    {
                        restarted = true;
                        uploadCredentials = target.Lease.Credentials;
                        var newUploadId = NewUploadId();
                        if (start > 0 && !stream.CanSeek)
                        {
                            throw new CloudinaryApiException(
                                ex.StatusCode,
                                "The credentials rotated during a chunked upload, and Cloudinary is not shown to accept chunks signed with another key under the same upload id; "
                                + "the stream cannot be rewound to start again, so upload it again (a seekable stream or a file restarts by itself).",
                                ex);
                        }

                        LogChunkedRestart(_logger, uploadId, newUploadId, uploadCredentials.Fingerprint);
                        uploadId = newUploadId;
                        if (start == 0)
                        {
                            continue; // The first chunk is still in the buffer: send it again under the new id.
                        }

                        stream.Position = origin;
                        start = -1;
                        break;
                    }
                }

                if (start < 0)
                {
                    // Restart from the first chunk.
                    start = 0;
                    carry = -1;
                    continue;
                }

                if (last)
                {
                    return result!;
                }

                start += filled;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string NewUploadId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

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
            cancellationToken,
            replayAfterRotation: uploadId is null);

    private static async ValueTask<int> ReadByteAsync(Stream stream, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        var read = await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false);
        return read == 0 ? -1 : one[0];
    }
}
