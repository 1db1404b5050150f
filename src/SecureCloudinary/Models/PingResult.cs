using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureCloudinary.Models;

/// <summary>The answer of the Admin API <c>ping</c> endpoint. Receiving it at all means the credentials were accepted.</summary>
public sealed class PingResult
{
    /// <summary>The status Cloudinary reported (<c>ok</c>), or null when the body had none.</summary>
    public string? Status { get; init; }

    /// <summary>Any other fields of the response.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalData { get; set; }

    /// <summary>The response's <c>X-FeatureRateLimit-*</c> headers (Admin API calls), or null when it had none.</summary>
    [JsonIgnore]
    public CloudinaryRateLimit? RateLimit { get; internal set; }
}
