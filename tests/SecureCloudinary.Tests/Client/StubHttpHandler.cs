using System.Net;
using System.Text;

namespace SecureCloudinary.Tests.Client;

/// <summary>A recorded request: URL, headers and the multipart fields, read in-process from the content objects.</summary>
public sealed class CapturedRequest
{
    public required HttpMethod Method { get; init; }

    public required Uri Uri { get; init; }

    public string? Authorization { get; init; }

    public string? UploadId { get; init; }

    public string? ContentRange { get; init; }

    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    public List<string> FieldOrder { get; } = [];

    public string? FileName { get; set; }

    public long FileLength { get; set; }

    public byte[]? FileBytes { get; set; }
}

/// <summary>A tiny stub handler: records each request and answers with the responder's message.</summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Func<CapturedRequest, HttpResponseMessage> _responder;

    public StubHttpHandler(Func<CapturedRequest, HttpResponseMessage>? responder = null)
    {
        _responder = responder ?? (_ => Json(HttpStatusCode.OK, """{"public_id":"sample","version":1,"result":"ok","status":"ok"}"""));
    }

    public List<CapturedRequest> Requests { get; } = [];

    /// <summary>Runs when a request arrives, before it is answered (e.g. to look at a stream's read position).</summary>
    public Action<CapturedRequest, HttpRequestMessage>? OnRequest { get; set; }

    /// <summary>File parts up to this size are kept in <see cref="CapturedRequest.FileBytes"/>.</summary>
    public int KeepFileBytesUpTo { get; set; } = 1024 * 1024;

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var captured = new CapturedRequest
        {
            Method = request.Method,
            Uri = request.RequestUri!,
            Authorization = request.Headers.Authorization?.ToString(),
            UploadId = request.Headers.TryGetValues("X-Unique-Upload-Id", out var ids) ? string.Join(",", ids) : null,
            ContentRange = request.Content?.Headers.TryGetValues("Content-Range", out var ranges) == true ? string.Join(",", ranges) : null,
        };

        if (request.Content is MultipartFormDataContent form)
        {
            foreach (var part in form)
            {
                var name = part.Headers.ContentDisposition!.Name!.Trim('"');
                var fileName = part.Headers.ContentDisposition.FileName?.Trim('"');
                if (name == "file" && fileName is not null)
                {
                    captured.FileName = fileName;
                    await ReadFileAsync(part, captured, cancellationToken);
                }
                else
                {
                    captured.Fields[name] = await part.ReadAsStringAsync(cancellationToken);
                    captured.FieldOrder.Add(name);
                }
            }
        }

        Requests.Add(captured);
        OnRequest?.Invoke(captured, request);
        return _responder(captured);
    }

    private async Task ReadFileAsync(HttpContent part, CapturedRequest captured, CancellationToken cancellationToken)
    {
        using var target = new MemoryStream();
        var stream = await part.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total <= KeepFileBytesUpTo)
            {
                target.Write(buffer, 0, read);
            }
        }

        captured.FileLength = total;
        captured.FileBytes = total <= KeepFileBytesUpTo ? target.ToArray() : null;
    }
}
