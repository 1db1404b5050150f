namespace SecureCloudinary.Stress.Tests.Fleet;

/// <summary>The one secret store the whole simulated fleet reads: counts every read per simulated second.</summary>
internal sealed class FleetStore
{
    public const string Name = "FleetStore";

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly int[] _readsPerSecond;
    private readonly int[] _forcedReadsPerSecond;

    public FleetStore(TimeProvider time, TimeSpan duration)
    {
        _time = time;
        _start = time.GetUtcNow();
        _readsPerSecond = new int[(int)duration.TotalSeconds + 1];
        _forcedReadsPerSecond = new int[_readsPerSecond.Length];
        Current = Version(1);
    }

    /// <summary>Whether reads fail (an outage).</summary>
    public bool IsDown { get; set; }

    /// <summary>The version every successful read returns.</summary>
    public CredentialSnapshot Current { get; set; }

    public int TotalReads { get; private set; }

    public int FailedReads { get; private set; }

    public ReadOnlySpan<int> ReadsPerSecond => _readsPerSecond;

    /// <summary>The reads made by refreshes forced by a (simulated) 401, per simulated second.</summary>
    public ReadOnlySpan<int> ForcedReadsPerSecond => _forcedReadsPerSecond;

    public static CredentialSnapshot Version(int n) =>
        new(new CloudinaryCredentials("fleet", $"key{n}", $"secret-{n}"), $"v{n}");

    public CredentialSnapshot Read(bool forced = false)
    {
        var second = Math.Min((int)(_time.GetUtcNow() - _start).TotalSeconds, _readsPerSecond.Length - 1);
        _readsPerSecond[second]++;
        _forcedReadsPerSecond[second] += forced ? 1 : 0;
        TotalReads++;
        if (IsDown)
        {
            FailedReads++;
            throw new CloudinaryCredentialException(Name, CredentialFailureReason.Unavailable, "The simulated store is down.", isTransient: true);
        }

        return Current;
    }
}
