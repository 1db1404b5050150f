using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Turns an authenticated upload into an <see cref="EmulatedAsset"/>, following Cloudinary's naming rules.</summary>
internal static class AssetFactory
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly HashSet<string> ImageFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "jpg", "jpeg", "png", "gif", "webp", "bmp", "tif", "tiff", "svg", "avif", "heic", "ico", "pdf",
    };

    private static readonly HashSet<string> VideoFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "mp4", "mov", "webm", "avi", "mkv", "m4v", "mp3", "wav", "ogg", "m4a", "flac", "aac",
    };

    public static EmulatedAsset Create(
        ReceivedForm form, string resourceType, long bytes, string? sha256, int chunks, string apiKey, DateTimeOffset now)
    {
        var file = form.File!;
        var originalName = file.FileName is { Length: > 0 } name ? Path.GetFileNameWithoutExtension(name) : "file";
        var format = NonEmpty(form.Get("format")) ?? FormatOf(file);
        if (resourceType == "auto")
        {
            resourceType = ImageFormats.Contains(format) ? "image" : VideoFormats.Contains(format) ? "video" : "raw";
        }

        var parameters = form.Fields.Where(f => f.Key is not ("file" or "api_key" or "signature"))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var etagSource = sha256 ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.RemoteUrl!.AbsoluteUri)));
        return new EmulatedAsset
        {
            AssetId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            PublicId = PublicIdFor(form, originalName, resourceType, format),
            ResourceType = resourceType,
            Type = NonEmpty(form.Get("type")) ?? "upload",
            Format = format,
            Version = now.ToUnixTimeSeconds(),
            CreatedAt = now,
            Bytes = bytes,
            Sha256 = sha256,
            RemoteUrl = file.RemoteUrl,
            OriginalFilename = originalName,
            Tags = (form.Get("tags") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            ChunkCount = chunks,
            UploadedWithApiKey = apiKey,
            Parameters = parameters,
            ETag = etagSource[..32],
        };
    }

    /// <summary>Whether an upload may replace an existing asset (<c>overwrite</c>, default true).</summary>
    public static bool Overwrite(ReceivedForm form) => form.Get("overwrite") is not ("0" or "false" or "False");

    private static string PublicIdFor(ReceivedForm form, string originalName, string resourceType, string format)
    {
        var publicId = NonEmpty(form.Get("public_id"));
        if (publicId is null)
        {
            var useFilename = form.Get("use_filename") is "1" or "true";
            var unique = form.Get("unique_filename") is not ("0" or "false");
            publicId = useFilename ? originalName : RandomNumberGenerator.GetString(IdAlphabet, 20);
            if (useFilename && unique)
            {
                publicId += "_" + RandomNumberGenerator.GetString(IdAlphabet, 6);
            }

            if (resourceType == "raw" && format.Length > 0)
            {
                publicId += "." + format;
            }
        }

        var folder = NonEmpty(form.Get("folder"))?.Trim('/');
        return string.IsNullOrEmpty(folder) ? publicId : folder + "/" + publicId;
    }

    private static string FormatOf(ReceivedFile file)
    {
        var extension = Path.GetExtension(file.FileName ?? file.RemoteUrl?.AbsolutePath ?? string.Empty);
        if (extension.Length > 1)
        {
            return extension[1..].ToLowerInvariant();
        }

        return file.MediaType?.ToLowerInvariant() switch
        {
            null => string.Empty,
            "image/jpeg" => "jpg",
            "image/svg+xml" => "svg",
            "text/plain" => "txt",
            var media => media[(media.IndexOf('/', StringComparison.Ordinal) + 1)..],
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
