using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureCloudinary.Models;

/// <summary>The answer of a <c>destroy</c> call.</summary>
public sealed class DestroyResult
{
    /// <summary><c>ok</c> when the asset was deleted, <c>not found</c> when there was none.</summary>
    public string? Result { get; init; }

    /// <summary>Whether <see cref="Result"/> is <c>ok</c>.</summary>
    [JsonIgnore]
    public bool IsOk => string.Equals(Result, "ok", StringComparison.Ordinal);

    /// <summary>Any other fields of the response.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalData { get; set; }

    /// <summary>The response's <c>X-FeatureRateLimit-*</c> headers (Admin API calls), or null when it had none.</summary>
    [JsonIgnore]
    public CloudinaryRateLimit? RateLimit { get; internal set; }
}
