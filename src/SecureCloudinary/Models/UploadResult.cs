using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureCloudinary.Models;

/// <summary>The answer of an upload (for a chunked upload, the answer to the last chunk).</summary>
public sealed class UploadResult
{
    /// <summary>Cloudinary's immutable asset id.</summary>
    public string? AssetId { get; init; }

    /// <summary>The public id of the asset.</summary>
    public string? PublicId { get; init; }

    /// <summary>The version, used in delivery URLs as <c>v{Version}</c>.</summary>
    public long? Version { get; init; }

    /// <summary>The version id.</summary>
    public string? VersionId { get; init; }

    /// <summary>The HTTPS delivery URL.</summary>
    public Uri? SecureUrl { get; init; }

    /// <summary>The HTTP delivery URL.</summary>
    public Uri? Url { get; init; }

    /// <summary>The file format, e.g. <c>jpg</c>; null for most raw files.</summary>
    public string? Format { get; init; }

    /// <summary>The resource type: <c>image</c>, <c>video</c> or <c>raw</c>.</summary>
    public string? ResourceType { get; init; }

    /// <summary>The delivery type (<c>type</c>), e.g. <c>upload</c>.</summary>
    [JsonPropertyName("type")]
    public string? DeliveryType { get; init; }

    /// <summary>The size in bytes.</summary>
    public long? Bytes { get; init; }

    /// <summary>The width in pixels, for images and videos.</summary>
    public int? Width { get; init; }

    /// <summary>The height in pixels, for images and videos.</summary>
    public int? Height { get; init; }

    /// <summary>When the asset was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The asset's tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The ETag of the stored file.</summary>
    public string? Etag { get; init; }

    /// <summary>The original file name, without extension.</summary>
    public string? OriginalFilename { get; init; }

    /// <summary>The asset folder, when the environment uses dynamic folders.</summary>
    public string? AssetFolder { get; init; }

    /// <summary>Whether an existing asset was overwritten.</summary>
    public bool? Overwritten { get; init; }

    /// <summary>Every other field of the response, as raw JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalData { get; set; }

    /// <summary>The response's <c>X-FeatureRateLimit-*</c> headers (Admin API calls), or null when it had none.</summary>
    [JsonIgnore]
    public CloudinaryRateLimit? RateLimit { get; internal set; }
}
