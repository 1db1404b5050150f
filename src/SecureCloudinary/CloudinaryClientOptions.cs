namespace SecureCloudinary;

/// <summary>Settings of <see cref="CloudinaryClient"/>, bound from the <c>Cloudinary</c> configuration section.</summary>
public class CloudinaryClientOptions
{
    /// <summary>The default chunk size of chunked uploads: 20 MB, as the official SDKs use.</summary>
    public const int DefaultChunkSize = 20_000_000;

    /// <summary>The smallest chunk Cloudinary accepts (except for the last chunk): 5 MB.</summary>
    public const int MinimumChunkSize = 5_000_000;

    /// <summary>
    /// The API base address (<c>Cloudinary:ApiBaseAddress</c>). When null, the credentials' <c>upload_prefix</c>
    /// is used, else <c>https://api.cloudinary.com</c>. HTTPS is required unless the host is loopback.
    /// </summary>
    public Uri? ApiBaseAddress { get; set; }

    /// <summary>Size of each part of a chunked upload, in bytes (<c>Cloudinary:ChunkSize</c>, at least 5 MB).</summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>
    /// Streams longer than this many bytes are uploaded in chunks (<c>Cloudinary:ChunkedUploadThreshold</c>,
    /// default 20 MB). Streams whose length is unknown are always chunked.
    /// </summary>
    public long ChunkedUploadThreshold { get; set; } = DefaultChunkSize;

    /// <summary>
    /// The digest for request signatures (<c>Cloudinary:SignatureAlgorithm</c>). When null, the credentials'
    /// <c>signature_algorithm</c> is used, else SHA-1.
    /// </summary>
    public SignatureAlgorithm? SignatureAlgorithm { get; set; }

    /// <summary>The largest response body read from Cloudinary, in bytes (<c>Cloudinary:MaxResponseBodyBytes</c>, default 1 MiB).</summary>
    public int MaxResponseBodyBytes { get; set; } = 1024 * 1024;
}
