using SecureCloudinary.Internal;
using SecureCloudinary.Models;

namespace SecureCloudinary;

public partial class CloudinaryClient
{
    private const string UploadOperation = "upload";

    /// <summary>
    /// Uploads a file, stream, remote URL or data URI (<c>POST /v1_1/{cloud}/{resource_type}/upload</c>, signed).
    /// Streams longer than <see cref="CloudinaryClientOptions.ChunkedUploadThreshold"/> or of unknown length are
    /// sent in chunks of <see cref="CloudinaryClientOptions.ChunkSize"/>, holding about one chunk in memory.
    /// </summary>
    /// <param name="request">What to upload and how.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The upload result (for a chunked upload, Cloudinary's answer to the last chunk).</returns>
    /// <exception cref="ArgumentException">The request has an invalid resource type or additional parameter.</exception>
    /// <exception cref="CloudinaryApiException">Cloudinary refused the upload or could not be reached.</exception>
    /// <exception cref="CloudinaryCredentialException">No credentials could be loaded.</exception>
    public virtual async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resourceType = UploadFields.ValidateResourceType(request.ResourceType, allowAuto: true, "UploadRequest.ResourceType");
        var fields = UploadFields.Build(request);
        var credentials = await GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var target = new UploadTarget(
            BuildApiUri(ResolveBaseAddress(credentials), credentials, resourceType + "/upload"),
            credentials,
            ResolveAlgorithm(credentials),
            fields);

        switch (request.SourceKind)
        {
            case UploadSourceKind.File:
                var file = new FileStream(
                    request.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await using (file.ConfigureAwait(false))
                {
                    return await UploadStreamAsync(target, file, request.FileName!, cancellationToken).ConfigureAwait(false);
                }

            case UploadSourceKind.Stream:
                return await UploadStreamAsync(target, request.Stream!, request.FileName!, cancellationToken).ConfigureAwait(false);

            default:
                var inline = request.InlineFile!;
                return await SendAsync(
                    UploadOperation,
                    credentials,
                    timestamp => target.CreateRequest(timestamp, InlineField(inline), fileName: null),
                    replayable: true,
                    CloudinaryJsonContext.Default.UploadResult,
                    cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<UploadResult> UploadStreamAsync(UploadTarget target, Stream stream, string fileName, CancellationToken cancellationToken)
    {
        if (!stream.CanSeek)
        {
            return UploadChunkedAsync(target, stream, total: null, fileName, cancellationToken);
        }

        var start = stream.Position;
        var remaining = Math.Max(0, stream.Length - start);
        if (remaining > _options.ChunkedUploadThreshold)
        {
            return UploadChunkedAsync(target, stream, remaining, fileName, cancellationToken);
        }

        return SendAsync(
            UploadOperation,
            target.Credentials,
            timestamp => target.CreateRequest(timestamp, new StreamPartContent(stream, start), fileName),
            replayable: true,
            CloudinaryJsonContext.Default.UploadResult,
            cancellationToken);
    }

    private static StringContent InlineField(string value)
    {
        var content = new StringContent(value);
        content.Headers.ContentType = null;
        return content;
    }

    /// <summary>Everything needed to build one signed upload request for a given timestamp.</summary>
    private sealed record UploadTarget(
        Uri Uri,
        CloudinaryCredentials Credentials,
        SignatureAlgorithm Algorithm,
        IReadOnlyList<KeyValuePair<string, string?>> Fields)
    {
        public HttpRequestMessage CreateRequest(long timestamp, HttpContent file, string? fileName) =>
            new(HttpMethod.Post, Uri)
            {
                Content = SignedForm.Create(Fields, Credentials, Algorithm, timestamp, file, fileName),
            };
    }
}
