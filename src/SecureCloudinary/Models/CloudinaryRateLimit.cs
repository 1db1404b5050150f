namespace SecureCloudinary.Models;

/// <summary>
/// Cloudinary's Admin API rate-limit headers of one response: <c>X-FeatureRateLimit-Limit</c>,
/// <c>X-FeatureRateLimit-Remaining</c> and <c>X-FeatureRateLimit-Reset</c>, as the official SDKs expose them.
/// </summary>
public sealed class CloudinaryRateLimit
{
    /// <summary>The number of calls allowed in the current window (<c>X-FeatureRateLimit-Limit</c>), or null.</summary>
    public int? Limit { get; init; }

    /// <summary>The calls left in the current window (<c>X-FeatureRateLimit-Remaining</c>), or null.</summary>
    public int? Remaining { get; init; }

    /// <summary>When the window resets (<c>X-FeatureRateLimit-Reset</c>, an HTTP date), or null.</summary>
    public DateTimeOffset? Reset { get; init; }
}
