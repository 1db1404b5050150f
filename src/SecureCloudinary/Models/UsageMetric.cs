namespace SecureCloudinary.Models;

/// <summary>One metered quantity of a usage report (credits, storage, bandwidth, objects, transformations).</summary>
public sealed class UsageMetric
{
    /// <summary>How much was used (bytes for storage and bandwidth, a count otherwise).</summary>
    public double? Usage { get; init; }

    /// <summary>The plan's limit, when Cloudinary reports one.</summary>
    public double? Limit { get; init; }

    /// <summary>The share of the limit used, in percent, when reported.</summary>
    public double? UsedPercent { get; init; }

    /// <summary>The credits this usage accounts for, when reported.</summary>
    public double? CreditsUsage { get; init; }
}
