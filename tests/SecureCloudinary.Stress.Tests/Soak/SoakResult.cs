namespace SecureCloudinary.Stress.Tests.Soak;

/// <summary>The figures of one soak run.</summary>
internal sealed record SoakResult
{
    /// <summary>The seed of the run's randomness (<see cref="SoakRun.SeedVariable"/> repeats it).</summary>
    public required int Seed { get; init; }

    /// <summary>How long a disabled key could still be cached (from its disabling to the first fault-free store read after its successor was published, + slack).</summary>
    public required TimeSpan ExcusableTime { get; init; }

    /// <summary>The most excused failures the run may have: 1.5 times the mean call rate over <see cref="ExcusableTime"/>, plus one per worker (failing calls are quick, but runs showed them at under half the mean rate).</summary>
    public long ExcusedBound => (long)Math.Ceiling(1.5 * Calls / Duration.TotalSeconds * ExcusableTime.TotalSeconds) + Workers;

    public required TimeSpan Duration { get; init; }

    public required int Workers { get; init; }

    public required long Calls { get; init; }

    public required long Uploads { get; init; }

    public required long Pings { get; init; }

    /// <summary>Failed calls no store fault explains: the target is 0.</summary>
    public required long UnexplainedFailures { get; init; }

    /// <summary>Failed calls excused: a disabled key was rejected and a store fault kept the refresh from reading the new key.</summary>
    public required long FaultExplainedFailures { get; init; }

    public required int Rotations { get; init; }

    public required int FaultWindows { get; init; }

    public required long StoreReads { get; init; }

    public required long FaultedStoreReads { get; init; }

    public required long RefreshesFailed { get; init; }

    public required long ForcedRefreshes { get; init; }

    /// <summary>Requests Cloudinary (the emulator) rejected because the key was disabled.</summary>
    public required long DisabledKeyRejections { get; init; }

    /// <summary>Requests repeated with rotated credentials after a 401 (log event 1407).</summary>
    public required long RotatedRetries { get; init; }

    public required long SnapshotsChecked { get; init; }

    /// <summary>Snapshots whose secret was not the one published with their key.</summary>
    public required long TornPairs { get; init; }

    /// <summary>Requests Cloudinary rejected for a wrong secret ("Invalid Signature", "api_secret mismatch").</summary>
    public required long WrongSecretRejections { get; init; }

    public required long LogRecords { get; init; }

    public required long MetricMeasurements { get; init; }

    public required long Spans { get; init; }

    public required long Exceptions { get; init; }

    /// <summary>Texts (logs, metric tags, span data, exceptions) containing a secret.</summary>
    public required IReadOnlyList<string> Leaks { get; init; }

    public required IReadOnlyList<string> UnexplainedSamples { get; init; }
}
