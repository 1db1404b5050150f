using SecureCloudinary.Internal;

namespace SecureCloudinary.Stress.Tests.Fleet;

/// <summary>
/// One app instance: a real <see cref="CloudinaryCredentialProvider"/> (default settings, seeded jitter) over a
/// source that reads the shared <see cref="FleetStore"/> and records what this instance went through.
/// </summary>
internal sealed class FleetInstance : ICloudinaryCredentialSource, IDisposable
{
    private readonly FleetStore _store;
    private readonly TimeProvider _time;
    private DateTimeOffset? _failingSince;
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _lastForcedRead;

    public FleetInstance(FleetStore store, TimeProvider time, SecureCloudinaryOptions options, int seed)
    {
        _store = store;
        _time = time;
        var random = new Random(seed);
        Provider = new CloudinaryCredentialProvider(this, null, options, time) { Jitter = random.NextDouble };
    }

    public CloudinaryCredentialProvider Provider { get; }

    public string Name => FleetStore.Name;

    /// <summary>Set by the simulation while this instance forces a refresh after a simulated 401.</summary>
    public bool Forcing { get; set; }

    public int Reads { get; private set; }

    public int ForcedReads { get; private set; }

    /// <summary>The shortest span between two forced reads of this instance (null: fewer than two).</summary>
    public TimeSpan? ShortestForcedGap { get; private set; }

    /// <summary>Longest span from a failed refresh to the next successful one (serving stale credentials).</summary>
    public TimeSpan LongestStale { get; private set; }

    /// <summary>Longest span between two successful reads (the oldest credentials this instance served).</summary>
    public TimeSpan LongestAge { get; private set; }

    /// <summary>When this instance first read the version published at <see cref="WatchVersion"/>.</summary>
    public DateTimeOffset? PickedUpAt { get; private set; }

    public string? WatchVersion { get; set; }

    public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        Reads++;
        var now = _time.GetUtcNow();
        if (Forcing)
        {
            ForcedReads++;
            if (_lastForcedRead is { } previous && (ShortestForcedGap is null || now - previous < ShortestForcedGap))
            {
                ShortestForcedGap = now - previous;
            }

            _lastForcedRead = now;
        }

        try
        {
            var snapshot = _store.Read(Forcing);
            if (_failingSince is { } since && now - since > LongestStale)
            {
                LongestStale = now - since;
            }

            if (_lastSuccess is { } last && now - last > LongestAge)
            {
                LongestAge = now - last;
            }

            _failingSince = null;
            _lastSuccess = now;
            if (PickedUpAt is null && WatchVersion is not null && snapshot.Version == WatchVersion)
            {
                PickedUpAt = now;
            }

            return ValueTask.FromResult(snapshot);
        }
        catch (CloudinaryCredentialException e)
        {
            _failingSince ??= now;
            return ValueTask.FromException<CredentialSnapshot>(e);
        }
    }

    public void Dispose() => Provider.Dispose();
}
