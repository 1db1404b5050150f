namespace SecureCloudinary.Testing;

/// <summary>
/// An asset stored by <see cref="CloudinaryEmulator"/>. The emulator keeps the size and digests of the
/// content, not the bytes, so large uploads can be checked without holding them in memory (unless
/// <see cref="CloudinaryEmulatorOptions.ServeDeliveredAssets"/> asks it to keep small ones for delivery).
/// </summary>
public sealed record EmulatedAsset
{
    /// <summary>The random asset id (32 lower-case hex characters).</summary>
    public required string AssetId { get; init; }

    /// <summary>The public id, including any folder prefix.</summary>
    public required string PublicId { get; init; }

    /// <summary>The resource type: <c>image</c>, <c>video</c> or <c>raw</c> (<c>auto</c> is resolved).</summary>
    public required string ResourceType { get; init; }

    /// <summary>The delivery type, normally <c>upload</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The format (file extension without the dot), or an empty string when unknown.</summary>
    public required string Format { get; init; }

    /// <summary>The version: Unix seconds of the emulator's clock when the asset was stored.</summary>
    public required long Version { get; init; }

    /// <summary>When the asset was stored, by the emulator's clock.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The content length in bytes (0 for a remote URL, which is recorded but not fetched).</summary>
    public required long Bytes { get; init; }

    /// <summary>
    /// Lower-case hex SHA-256 of the content (for chunked uploads, of all chunks in order), or
    /// <see langword="null"/> for a remote URL.
    /// </summary>
    public required string? Sha256 { get; init; }

    /// <summary>The entity tag reported in <c>etag</c>: 32 hex characters derived from the content digest.</summary>
    public required string ETag { get; init; }

    /// <summary>The remote URL given as <c>file</c>, or <see langword="null"/> when content was sent.</summary>
    public Uri? RemoteUrl { get; init; }

    /// <summary>The original file name without extension, as reported in <c>original_filename</c>.</summary>
    public string? OriginalFilename { get; init; }

    /// <summary>The tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The number of chunks the content arrived in (1 for a plain upload).</summary>
    public int ChunkCount { get; init; } = 1;

    /// <summary>The API key that uploaded the asset.</summary>
    public required string UploadedWithApiKey { get; init; }

    /// <summary>
    /// Every received form field except <c>file</c>, <c>api_key</c> and <c>signature</c> (so tests can check
    /// what a client sent, e.g. <c>context</c> or <c>overwrite</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
