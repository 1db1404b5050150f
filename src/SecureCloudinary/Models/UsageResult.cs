using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureCloudinary.Models;

/// <summary>The Admin API <c>usage</c> report of the product environment.</summary>
public sealed class UsageResult
{
    /// <summary>The plan name, e.g. <c>Free</c>.</summary>
    public string? Plan { get; init; }

    /// <summary>The date the report was last updated, as Cloudinary wrote it (e.g. <c>2026-11-28</c>).</summary>
    public string? LastUpdated { get; init; }

    /// <summary>Credits used and available.</summary>
    public UsageMetric? Credits { get; init; }

    /// <summary>Storage used, in bytes.</summary>
    public UsageMetric? Storage { get; init; }

    /// <summary>Bandwidth used, in bytes.</summary>
    public UsageMetric? Bandwidth { get; init; }

    /// <summary>The number of stored objects.</summary>
    public UsageMetric? Objects { get; init; }

    /// <summary>Transformations performed.</summary>
    public UsageMetric? Transformations { get; init; }

    /// <summary>The number of requests made.</summary>
    public long? Requests { get; init; }

    /// <summary>The number of resources.</summary>
    public long? Resources { get; init; }

    /// <summary>The number of derived resources.</summary>
    public long? DerivedResources { get; init; }

    /// <summary>Every other field of the report (e.g. <c>media_limits</c>), as raw JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalData { get; set; }

    /// <summary>The response's <c>X-FeatureRateLimit-*</c> headers (Admin API calls), or null when it had none.</summary>
    [JsonIgnore]
    public CloudinaryRateLimit? RateLimit { get; internal set; }
}
