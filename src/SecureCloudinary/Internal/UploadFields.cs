using System.Text;
using SecureCloudinary.Models;

namespace SecureCloudinary.Internal;

/// <summary>Turns an <see cref="UploadRequest"/> into the form fields that are sent and signed (no file, key or signature).</summary>
internal static class UploadFields
{
    private static readonly string[] Reserved = ["file", "api_key", "signature", "timestamp", "cloud_name", "resource_type"];
    private static readonly string[] ResourceTypes = ["image", "video", "raw", "auto"];

    public static List<KeyValuePair<string, string?>> Build(UploadRequest request)
    {
        var fields = new List<KeyValuePair<string, string?>>(16);
        Add(fields, "public_id", request.PublicId);
        Add(fields, "folder", request.Folder);
        Add(fields, "tags", request.Tags is { Count: > 0 } tags ? string.Join(',', tags) : null);
        Add(fields, "overwrite", Flag(request.Overwrite));
        Add(fields, "context", request.Context is { Count: > 0 } context ? EncodeContext(context) : null);
        Add(fields, "eager", request.Eager);
        Add(fields, "unique_filename", Flag(request.UniqueFilename));
        Add(fields, "use_filename", Flag(request.UseFilename));
        Add(fields, "invalidate", Flag(request.Invalidate));
        Add(fields, "notification_url", request.NotificationUrl?.AbsoluteUri);
        Add(fields, "type", request.DeliveryType);
        if (request.AdditionalParameters is { } extra)
        {
            foreach (var (key, value) in extra)
            {
                ParameterNames.Validate(key, "UploadRequest.AdditionalParameters", nameof(request));
                if (string.IsNullOrWhiteSpace(key) || Array.IndexOf(Reserved, key) >= 0)
                {
                    throw new ArgumentException(
                        $"AdditionalParameters may not contain '{(string.IsNullOrWhiteSpace(key) ? "(empty)" : key)}': the client sets it.",
                        nameof(request));
                }

                if (fields.Exists(f => string.Equals(f.Key, key, StringComparison.Ordinal)))
                {
                    throw new ArgumentException(
                        $"AdditionalParameters repeats '{key}', which is already set through a property.", nameof(request));
                }

                Add(fields, key, value);
            }
        }

        return fields;
    }

    public static string ValidateResourceType(string? resourceType, bool allowAuto, string propertyName)
    {
        if (resourceType is null || Array.IndexOf(ResourceTypes, resourceType) < 0 || (!allowAuto && resourceType == "auto"))
        {
            throw new ArgumentException(
                $"{propertyName} must be one of: image, video, raw{(allowAuto ? ", auto" : string.Empty)}.", propertyName);
        }

        return resourceType;
    }

    /// <summary>Encodes context as <c>k=v|k2=v2</c>, escaping '=' and '|' in values with a backslash, as the SDKs do.</summary>
    public static string EncodeContext(IReadOnlyDictionary<string, string> context)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in context)
        {
            if (builder.Length > 0)
            {
                builder.Append('|');
            }

            builder.Append(key).Append('=');
            foreach (var c in value ?? string.Empty)
            {
                if (c is '=' or '|')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string? Flag(bool? value) => value switch { true => "1", false => "0", null => null };

    public static void Add(List<KeyValuePair<string, string?>> fields, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add(new(key, value));
        }
    }
}
