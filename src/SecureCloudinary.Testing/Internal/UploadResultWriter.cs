using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Writes an asset as Cloudinary's upload response (<c>asset_id</c>, <c>public_id</c>, <c>version</c>, ...).</summary>
internal static class UploadResultWriter
{
    public static void Write(Utf8JsonWriter writer, EmulatedAsset asset, string cloudName, ApiKeyEntry key, bool existing)
    {
        var version = asset.Version.ToString(CultureInfo.InvariantCulture);
        writer.WriteString("asset_id", asset.AssetId);
        writer.WriteString("public_id", asset.PublicId);
        writer.WriteNumber("version", asset.Version);
        writer.WriteString("version_id", asset.AssetId[..16] + version.PadLeft(16, '0'));
        writer.WriteString("signature", ResponseSignature(asset.PublicId, version, key.ApiSecret));
        if (asset.Format.Length > 0)
        {
            writer.WriteString("format", asset.Format);
        }

        writer.WriteString("resource_type", asset.ResourceType);
        writer.WriteString("created_at", asset.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteStartArray("tags");
        foreach (var tag in asset.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteNumber("bytes", asset.Bytes);
        writer.WriteString("type", asset.Type);
        writer.WriteString("etag", asset.ETag);
        writer.WriteBoolean("placeholder", false);
        var path = DeliveryPath(asset, cloudName);
        writer.WriteString("url", "http://res.cloudinary.com/" + path);
        writer.WriteString("secure_url", "https://res.cloudinary.com/" + path);
        writer.WriteString("original_filename", asset.OriginalFilename);
        writer.WriteString("api_key", key.ApiKey);
        if (existing)
        {
            writer.WriteBoolean("existing", true);
        }
    }

    /// <summary>Cloudinary signs responses with version 1 rules over <c>public_id</c> and <c>version</c>.</summary>
    private static string ResponseSignature(string publicId, string version, string apiSecret)
    {
        var input = Encoding.UTF8.GetBytes($"public_id={publicId}&version={version}{apiSecret}");
#pragma warning disable CA5350 // Cloudinary's response signatures are SHA-1.
        return Convert.ToHexStringLower(SHA1.HashData(input));
#pragma warning restore CA5350
    }

    private static string DeliveryPath(EmulatedAsset asset, string cloudName)
    {
        var id = string.Join('/', asset.PublicId.Split('/').Select(Uri.EscapeDataString));
        var suffix = asset.ResourceType == "raw" || asset.Format.Length == 0 ? string.Empty : "." + asset.Format;
        return $"{cloudName}/{asset.ResourceType}/{asset.Type}/v{asset.Version.ToString(CultureInfo.InvariantCulture)}/{id}{suffix}";
    }
}
