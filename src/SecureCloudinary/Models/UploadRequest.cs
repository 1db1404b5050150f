namespace SecureCloudinary.Models;

/// <summary>
/// What to upload and how. Create one with <see cref="FromFile"/>, <see cref="FromStream"/>,
/// <see cref="FromRemoteUrl"/> or <see cref="FromDataUri"/>, then set the options you need. Every option left
/// null is neither sent nor signed.
/// </summary>
public sealed class UploadRequest
{
    private UploadRequest(UploadSourceKind kind)
    {
        SourceKind = kind;
    }

    /// <summary>Where the bytes come from.</summary>
    public UploadSourceKind SourceKind { get; }

    /// <summary>The file name sent with the bytes (the file's own name for <see cref="FromFile"/>), or null.</summary>
    public string? FileName { get; private init; }

    /// <summary>Resource type: <c>image</c> (default), <c>video</c>, <c>raw</c> or <c>auto</c>.</summary>
    public string ResourceType { get; set; } = "image";

    /// <summary>The public id to give the asset (<c>public_id</c>); Cloudinary picks one when null.</summary>
    public string? PublicId { get; set; }

    /// <summary>The folder to put the asset in (<c>folder</c>).</summary>
    public string? Folder { get; set; }

    /// <summary>Tags (<c>tags</c>, sent comma-separated).</summary>
    public IReadOnlyList<string>? Tags { get; set; }

    /// <summary>Whether to overwrite an asset with the same public id (<c>overwrite</c>, sent as 1/0).</summary>
    public bool? Overwrite { get; set; }

    /// <summary>Contextual metadata (<c>context</c>, sent as <c>k=v|k2=v2</c>; '=' and '|' in values are escaped).</summary>
    public IReadOnlyDictionary<string, string>? Context { get; set; }

    /// <summary>Eager transformations to generate on upload (<c>eager</c>), e.g. <c>w_400,h_300,c_pad|w_260,c_crop</c>.</summary>
    public string? Eager { get; set; }

    /// <summary>Whether Cloudinary appends random characters to the public id (<c>unique_filename</c>, 1/0).</summary>
    public bool? UniqueFilename { get; set; }

    /// <summary>Whether the original file name becomes the public id (<c>use_filename</c>, 1/0).</summary>
    public bool? UseFilename { get; set; }

    /// <summary>Whether to invalidate CDN cached copies when overwriting (<c>invalidate</c>, 1/0).</summary>
    public bool? Invalidate { get; set; }

    /// <summary>A URL Cloudinary notifies when the upload is processed (<c>notification_url</c>).</summary>
    public Uri? NotificationUrl { get; set; }

    /// <summary>The delivery type (<c>type</c>): <c>upload</c>, <c>private</c> or <c>authenticated</c>.</summary>
    public string? DeliveryType { get; set; }

    /// <summary>
    /// Further Upload API parameters, sent and signed as given. <c>file</c>, <c>api_key</c>, <c>signature</c>,
    /// <c>timestamp</c>, <c>cloud_name</c> and <c>resource_type</c> are reserved, and a parameter may not repeat
    /// one set through a property. Names may not be empty or contain <c>&amp;</c>, <c>=</c>, white space or control
    /// characters (<see cref="CloudinaryClient.UploadAsync"/> throws <see cref="ArgumentException"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string?>? AdditionalParameters { get; set; }

    internal string? FilePath { get; private init; }

    internal Stream? Stream { get; private init; }

    internal string? InlineFile { get; private init; }

    /// <summary>Uploads a local file, opened for reading when the upload runs.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static UploadRequest FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new UploadRequest(UploadSourceKind.File) { FilePath = path, FileName = Path.GetFileName(path) };
    }

    /// <summary>
    /// Uploads the bytes of a stream from its current position. The stream is not disposed. Streams longer than
    /// <see cref="CloudinaryClientOptions.ChunkedUploadThreshold"/>, or whose length is unknown, are sent in chunks.
    /// </summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="fileName">The file name to send, e.g. <c>photo.jpg</c>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">The stream is not readable, or the name is empty.</exception>
    public static UploadRequest FromStream(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        return new UploadRequest(UploadSourceKind.Stream) { Stream = stream, FileName = fileName };
    }

    /// <summary>Has Cloudinary fetch the file from a URL (http, https, s3, gs or ftp).</summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute.</exception>
    public static UploadRequest FromRemoteUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The remote URL must be absolute.", nameof(url));
        }

        return new UploadRequest(UploadSourceKind.RemoteUrl) { InlineFile = url.AbsoluteUri };
    }

    /// <summary>Uploads a file given inline as a <c>data:</c> URI, e.g. <c>data:image/png;base64,...</c>.</summary>
    /// <param name="dataUri">The data URI.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">The value does not start with <c>data:</c>.</exception>
    public static UploadRequest FromDataUri(string dataUri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataUri);
        if (!dataUri.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The data URI must start with 'data:'.", nameof(dataUri));
        }

        return new UploadRequest(UploadSourceKind.DataUri) { InlineFile = dataUri };
    }

    /// <summary>Describes the request without its data.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() =>
        $"UploadRequest {{ Source = {SourceKind}, ResourceType = {ResourceType}, PublicId = {PublicId ?? "(auto)"} }}";
}
