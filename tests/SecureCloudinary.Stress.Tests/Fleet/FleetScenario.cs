namespace SecureCloudinary.Stress.Tests.Fleet;

/// <summary>What the simulated fleet goes through. Times are offsets from the start of the simulated day.</summary>
internal sealed record FleetScenario
{
    public int Instances { get; init; } = 1_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Instances start at seeded random times within this window (zero: all at once).</summary>
    public TimeSpan StartSpread { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan OutageStart { get; init; } = TimeSpan.FromHours(11.75);

    public TimeSpan OutageLength { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>When the new key is written to the store.</summary>
    public TimeSpan RotationAt { get; init; } = TimeSpan.FromHours(18);

    /// <summary>How long after the store update the old key is disabled at Cloudinary.</summary>
    public TimeSpan DisableOldKeyAfter { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>An instance's next Cloudinary call after the old key is disabled comes within this window.</summary>
    public TimeSpan CallWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Each instance's app asks its cache for the credentials this often, at a seeded phase (zero: only at start-up
    /// and after a 401). Calls that find no usable credentials fail; the point is how many store reads they cause.
    /// </summary>
    public TimeSpan CallEvery { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Whether app calls sign with the key they were given, as <c>CloudinaryClient</c> does: a call made with the
    /// disabled old key gets a (simulated) 401, forces a refresh with that key as the rejected one, and is repeated
    /// once with what the refresh returned; it fails only when that is the disabled key again. When set, the
    /// <see cref="CallWindow"/> schedule is not used: the app calls themselves meet the disabled key.
    /// </summary>
    public bool AppCallsUseTheKey { get; init; }

    public int Seed { get; init; } = 20260101;

    /// <summary>The settings every instance uses: the defaults.</summary>
    public SecureCloudinaryOptions Options { get; init; } = new();
}
