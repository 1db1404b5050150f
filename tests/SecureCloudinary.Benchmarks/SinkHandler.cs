using System.Globalization;
using System.Net;
using System.Text;

namespace SecureCloudinary.Benchmarks;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that plays a trivial Cloudinary upload endpoint without a network or a
/// server: it serializes each request body into <see cref="Stream.Null"/> (so the client's content is produced in
/// full) and answers with a small upload result whose <c>bytes</c> is the end of the chunk's <c>Content-Range</c>.
/// With it the upload benchmarks measure the client alone.
/// </summary>
public sealed class SinkHandler : HttpMessageHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content ?? throw new InvalidOperationException("An upload has a body.");
        await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        var bytes = content.Headers.TryGetValues("Content-Range", out var ranges)
            ? EndOfRange(ranges.First()) + 1
            : content.Headers.ContentLength ?? 0;
        var json = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"public_id":"bench/generated","version":1,"resource_type":"raw","bytes":{{bytes}},"secure_url":"https://res.cloudinary.com/demo/raw/upload/v1/bench/generated"}""");
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }

    private static long EndOfRange(string range)
    {
        // "bytes start-end/total"
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        var slash = range.IndexOf('/', StringComparison.Ordinal);
        return long.Parse(range.AsSpan(dash + 1, slash - dash - 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
