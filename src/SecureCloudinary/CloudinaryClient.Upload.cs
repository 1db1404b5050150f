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
        var lease = await LeaseCredentialsAsync(cancellationToken).ConfigureAwait(false);
        ResolveBaseAddress(lease.Credentials); // Fails before a file is opened when the address is not allowed.
        var target = new UploadTarget(resourceType + "/upload", lease, fields);

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
                    lease,
                    (credentials, timestamp) => CreateUploadRequest(target, credentials, timestamp, InlineField(inline), fileName: null),
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
            target.Lease,
            (credentials, timestamp) => CreateUploadRequest(target, credentials, timestamp, new StreamPartContent(stream, start), fileName),
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

    /// <summary>Builds one signed upload request with the given credentials and timestamp.</summary>
    private HttpRequestMessage CreateUploadRequest(
        UploadTarget target, CloudinaryCredentials credentials, long timestamp, HttpContent file, string? fileName) =>
        new(HttpMethod.Post, BuildApiUri(ResolveBaseAddress(credentials), credentials, target.Path))
        {
            Content = SignedForm.Create(target.Fields, credentials, ResolveAlgorithm(credentials), timestamp, file, fileName),
        };

    /// <summary>
    /// What one upload sends: the API path, the credential lease (replaced after a rotation, so later chunks use
    /// the new key) and the upload fields.
    /// </summary>
    private sealed record UploadTarget(string Path, CredentialLease Lease, IReadOnlyList<KeyValuePair<string, string?>> Fields);
}
