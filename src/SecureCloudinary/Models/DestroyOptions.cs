namespace SecureCloudinary.Models;

/// <summary>Optional settings of <see cref="CloudinaryClient.DestroyAsync"/>.</summary>
public sealed class DestroyOptions
{
    /// <summary>The asset's resource type: <c>image</c> (default), <c>video</c> or <c>raw</c>.</summary>
    public string ResourceType { get; set; } = "image";

    /// <summary>The delivery type (<c>type</c>): <c>upload</c>, <c>private</c> or <c>authenticated</c>; Cloudinary's default when null.</summary>
    public string? DeliveryType { get; set; }

    /// <summary>Whether to invalidate CDN cached copies (<c>invalidate</c>); not sent when null.</summary>
    public bool? Invalidate { get; set; }

    /// <summary>A URL Cloudinary notifies when done (<c>notification_url</c>); not sent when null.</summary>
    public Uri? NotificationUrl { get; set; }
}
