using System.Text.Json.Serialization;
using SecureCloudinary.Models;

namespace SecureCloudinary.Internal;

/// <summary>Source-generated (AOT-safe) JSON metadata for Cloudinary responses; snake_case names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(UsageResult))]
[JsonSerializable(typeof(UploadResult))]
[JsonSerializable(typeof(DestroyResult))]
internal sealed partial class CloudinaryJsonContext : JsonSerializerContext
{
}
