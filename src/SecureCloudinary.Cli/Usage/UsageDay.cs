namespace SecureCloudinary.Cli.Usage;

/// <summary>One day of the Admin API's usage report.</summary>
/// <param name="Date">The day (UTC).</param>
/// <param name="Requests">API requests.</param>
/// <param name="BandwidthBytes">Bandwidth in bytes.</param>
/// <param name="Transformations">Transformations.</param>
/// <param name="StorageBytes">Storage in bytes.</param>
internal sealed record UsageDay(DateOnly Date, long Requests, long BandwidthBytes, long Transformations, long StorageBytes)
{
    /// <summary>Whether the day is far above the trailing median (see <see cref="UsageRunner.Flag"/>).</summary>
    public bool Flagged { get; set; }
}
