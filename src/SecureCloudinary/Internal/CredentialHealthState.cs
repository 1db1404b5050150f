namespace SecureCloudinary.Internal;

/// <summary>What the health check reports about a <see cref="CloudinaryCredentialProvider"/> at one moment.</summary>
/// <param name="Current">The last good snapshot with its load time, or null when none was ever loaded.</param>
/// <param name="IsUsable">Whether <paramref name="Current"/> may still be served (within <c>MaxStaleness</c>).</param>
/// <param name="ConsecutiveFailures">Failed reads since the last successful one.</param>
/// <param name="LastFailure">The most recent failure since the last success, or null.</param>
/// <param name="FirstFailureAt">When the first of those failures happened, or null.</param>
/// <param name="UsableUntil">When <paramref name="Current"/> stops being served, or null for never.</param>
/// <param name="Rejected">The store's value Cloudinary rejected while the previous credentials (now <paramref name="Current"/>) are pinned, or null.</param>
internal readonly record struct CredentialHealthState(
    CredentialCacheEntry? Current,
    bool IsUsable,
    int ConsecutiveFailures,
    CredentialFailureInfo? LastFailure,
    DateTimeOffset? FirstFailureAt,
    DateTimeOffset? UsableUntil,
    CredentialSnapshot? Rejected = null);
