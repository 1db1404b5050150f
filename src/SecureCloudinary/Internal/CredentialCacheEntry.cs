namespace SecureCloudinary.Internal;

/// <summary>
/// The cached snapshot with when it was last read successfully from the source. Immutable and swapped as a
/// whole, so readers never see the key of one version with the secret of another.
/// </summary>
internal sealed class CredentialCacheEntry
{
    public CredentialCacheEntry(CredentialSnapshot snapshot, DateTimeOffset loadedAt, long loadedTimestamp, long usableUntil)
    {
        Snapshot = snapshot;
        LoadedAt = loadedAt;
        LoadedTimestamp = loadedTimestamp;
        UsableUntil = usableUntil;
    }

    private bool _expired;
    private bool _accepted;

    public CredentialSnapshot Snapshot { get; }

    /// <summary>The wall-clock time of the last successful read (for health descriptions and logs).</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the last successful read.</summary>
    public long LoadedTimestamp { get; }

    /// <summary>The timestamp from which the snapshot must no longer be served; <see cref="long.MaxValue"/> for never.</summary>
    public long UsableUntil { get; }

    /// <summary>Set once the cache's expiry timer saw <see cref="UsableUntil"/> pass; read by the lock-free warm path.</summary>
    public bool IsExpired => Volatile.Read(ref _expired);

    public bool IsUsable(long now) => !IsExpired && (UsableUntil == long.MaxValue || now < UsableUntil);

    public void MarkExpired() => Volatile.Write(ref _expired, true);

    /// <summary>Whether Cloudinary accepted these credentials at least once (reported by <see cref="CloudinaryClient"/>).</summary>
    public bool IsAccepted => Volatile.Read(ref _accepted);

    public void MarkAccepted() => Volatile.Write(ref _accepted, true);
}
