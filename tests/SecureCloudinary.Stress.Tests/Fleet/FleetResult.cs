namespace SecureCloudinary.Stress.Tests.Fleet;

/// <summary>The figures one simulated day produced.</summary>
internal sealed record FleetResult
{
    public required FleetScenario Scenario { get; init; }

    public required int[] ReadsPerSecond { get; init; }

    public required int TotalReads { get; init; }

    public required int FailedReads { get; init; }

    /// <summary>Reads made by refreshes forced by a (simulated) 401 after the old key was disabled.</summary>
    public required int ForcedReads { get; init; }

    /// <summary>Instances still on the old key when it was disabled.</summary>
    public required int InstancesOnOldKeyAtDisable { get; init; }

    public required TimeSpan[] LongestStale { get; init; }

    public required TimeSpan[] LongestAge { get; init; }

    /// <summary>Per instance: from the store update to the first read of the new version.</summary>
    public required TimeSpan[] RotationPickup { get; init; }

    /// <summary>Instances that had no usable credentials at some check (outage end, end of day).</summary>
    public required int InstancesWithoutCredentials { get; init; }

    public required TimeSpan WallTime { get; init; }

    /// <summary>Calls the simulated apps made (<see cref="FleetScenario.CallEvery"/>), and how many found no usable credentials.</summary>
    public int AppCalls { get; init; }

    public int FailedAppCalls { get; init; }

    /// <summary>With <see cref="FleetScenario.AppCallsUseTheKey"/>: calls Cloudinary rejected (401, the disabled key).</summary>
    public int RejectedAppCalls { get; init; }

    /// <summary>With <see cref="FleetScenario.AppCallsUseTheKey"/>: rejected calls repeated once with the refreshed key, and accepted.</summary>
    public int RepeatedAppCalls { get; init; }

    /// <summary>Per simulated second, the store reads made by forced refreshes.</summary>
    public int[] ForcedReadsPerSecond { get; init; } = [];

    public int MaxForcedReadsPerInstance { get; init; }

    /// <summary>The shortest span between two forced reads of one instance (null: no instance forced twice).</summary>
    public TimeSpan? ShortestForcedGap { get; init; }

    /// <summary>Instances whose cache held the store's current version at the end.</summary>
    public int InstancesOnNewKeyAtEnd { get; init; }

    public double MeanPerSecond => (double)TotalReads / ReadsPerSecond.Length;

    /// <summary>The busiest window of <paramref name="width"/> seconds in [from, to), as reads per second.</summary>
    public double PeakPerSecond(int width, TimeSpan from, TimeSpan to) => Peak(ReadsPerSecond, width, from, to);

    /// <summary>The busiest window of <paramref name="width"/> seconds in [from, to) for forced reads, as reads per second.</summary>
    public double PeakForcedPerSecond(int width, TimeSpan from, TimeSpan to) => Peak(ForcedReadsPerSecond, width, from, to);

    private static double Peak(int[] series, int width, TimeSpan from, TimeSpan to)
    {
        var start = Math.Max(0, (int)from.TotalSeconds);
        var end = Math.Min(series.Length, (int)to.TotalSeconds);
        var peak = 0;
        var sum = 0;
        for (var i = start; i < end; i++)
        {
            sum += series[i];
            if (i - start >= width)
            {
                sum -= series[i - width];
            }

            peak = Math.Max(peak, sum);
        }

        return (double)peak / width;
    }

    /// <summary>Mean reads per second over [from, to).</summary>
    public double MeanPerSecondIn(TimeSpan from, TimeSpan to)
    {
        var start = Math.Max(0, (int)from.TotalSeconds);
        var end = Math.Min(ReadsPerSecond.Length, (int)to.TotalSeconds);
        var sum = 0L;
        for (var i = start; i < end; i++)
        {
            sum += ReadsPerSecond[i];
        }

        return end > start ? (double)sum / (end - start) : 0;
    }
}
