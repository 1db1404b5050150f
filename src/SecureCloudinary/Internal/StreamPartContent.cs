using System.Net;

namespace SecureCloudinary.Internal;

/// <summary>
/// Sends a caller's stream from a fixed start position without disposing it, so a seekable stream can be
/// sent again (stale-request retry) and the caller keeps ownership.
/// </summary>
internal sealed class StreamPartContent : HttpContent
{
    private const int CopyBufferSize = 81920;
    private readonly Stream _stream;
    private readonly long _start;

    /// <param name="stream">A seekable stream.</param>
    /// <param name="start">The position to send from, captured once before the first attempt.</param>
    public StreamPartContent(Stream stream, long start)
    {
        _stream = stream;
        _start = start;
        Headers.ContentType = new("application/octet-stream");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.Position = _start;
        await _stream.CopyToAsync(stream, CopyBufferSize, cancellationToken).ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = Math.Max(0, _stream.Length - _start);
        return true;
    }
}
