using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// Reads multipart/form-data or application/x-www-form-urlencoded requests. File content is streamed into a
/// hash, never buffered whole.
/// </summary>
internal static class FormReader
{
    private const int MaxFieldLength = 1024 * 1024;
    private const int MaxFields = 1000;

    /// <summary>
    /// Reads the form; <paramref name="startHash"/> gives the hash to continue (and the length it covers) when file
    /// content begins. File content up to <paramref name="keepContentUpTo"/> bytes is also kept (0: never).
    /// </summary>
    public static async Task<ReceivedForm> ReadAsync(
        HttpRequest request, long maxBodySize, Func<(IncrementalHash Hash, long Base)> startHash, CancellationToken cancellationToken,
        long keepContentUpTo = 0)
    {
        var form = new ReceivedForm();
        try
        {
            if (request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
                && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
                if (string.IsNullOrEmpty(boundary))
                {
                    throw EmulatorException.BadRequest("Missing multipart boundary");
                }

                await ReadMultipartAsync(request.Body, boundary, maxBodySize, form, startHash, keepContentUpTo, cancellationToken)
                    .ConfigureAwait(false);
            }
            else if (request.HasFormContentType)
            {
                var fields = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
                foreach (var (name, values) in fields)
                {
                    foreach (var value in values)
                    {
                        AddField(form, name, System.Text.Encoding.UTF8.GetBytes(value ?? string.Empty), startHash, keepContentUpTo);
                    }
                }
            }
            else if (request.ContentLength is > 0 || request.ContentType is not null)
            {
                throw new EmulatorException(System.Net.HttpStatusCode.UnsupportedMediaType,
                    "Unsupported Content-Type - use multipart/form-data or application/x-www-form-urlencoded");
            }

            return form;
        }
        catch
        {
            form.Dispose();
            throw;
        }
    }

    private static async Task ReadMultipartAsync(
        Stream body, string boundary, long maxBodySize, ReceivedForm form,
        Func<(IncrementalHash Hash, long Base)> startHash, long keepContentUpTo, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = maxBodySize, HeadersLengthLimit = 16 * 1024 };
        var count = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (++count > MaxFields)
            {
                throw EmulatorException.BadRequest("Too many form fields");
            }

            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw EmulatorException.BadRequest("Malformed multipart section - expected Content-Disposition: form-data");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (name == "file" && disposition.IsFileDisposition())
            {
                EnsureNoFile(form);
                var (hash, hashBase) = startHash();
                form.File = ReceivedFile.Content(hash, hashBase, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, null);
                using var kept = keepContentUpTo > 0 ? new MemoryStream() : null;
                form.File.Length = await StreamReading.HashAsync(section.Body, hash, cancellationToken, kept, keepContentUpTo)
                    .ConfigureAwait(false);
                form.File.KeptContent = kept is not null && form.File.Length <= keepContentUpTo ? kept.ToArray() : null;
                continue;
            }

            var limit = name == "file" ? maxBodySize : MaxFieldLength;
            var bytes = await StreamReading.ReadCappedAsync(section.Body, limit, name, cancellationToken).ConfigureAwait(false);
            AddField(form, name, bytes, startHash, keepContentUpTo);
        }
    }

    private static void AddField(
        ReceivedForm form, string name, byte[] value, Func<(IncrementalHash Hash, long Base)> startHash, long keepContentUpTo)
    {
        if (name != "file")
        {
            form.Add(name, System.Text.Encoding.UTF8.GetString(value));
            return;
        }

        EnsureNoFile(form);
        form.File = FileParameter.Create(value, startHash, keepContentUpTo);
    }

    private static void EnsureNoFile(ReceivedForm form)
    {
        if (form.File is not null)
        {
            throw EmulatorException.BadRequest("Duplicate parameter - file");
        }
    }
}
