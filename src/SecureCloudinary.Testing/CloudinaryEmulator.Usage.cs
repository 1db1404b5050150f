namespace SecureCloudinary.Testing;

/// <content>Per-day usage for the Admin API's <c>usage/{dd-mm-yyyy}</c> (for <c>secure-cloudinary usage</c> tests).</content>
public sealed partial class CloudinaryEmulator
{
    /// <summary>Sets what <c>GET /v1_1/{cloud}/usage/{dd-mm-yyyy}</c> answers for one day (other days answer zeros).</summary>
    /// <param name="date">The day.</param>
    /// <param name="requests">The <c>requests</c> count.</param>
    /// <param name="bandwidthBytes">The <c>bandwidth.usage</c> in bytes.</param>
    /// <param name="transformations">The <c>transformations.usage</c>.</param>
    /// <param name="storageBytes">The <c>storage.usage</c> in bytes.</param>
    public void SetDailyUsage(DateOnly date, long requests, long bandwidthBytes = 0, long transformations = 0, long storageBytes = 0) =>
        _state.DailyUsage[date] = [requests, bandwidthBytes, transformations, storageBytes];
}
