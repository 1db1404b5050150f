namespace SecureCloudinary.Internal;

/// <summary>Exponential backoff with full jitter: a random wait between 0 and min(cap, base × 2^(attempt−1)).</summary>
internal static class RetryBackoff
{
    public static readonly TimeSpan DefaultBase = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultCap = TimeSpan.FromMinutes(5);

    /// <summary>The ceiling of the wait before retry number <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan baseDelay, TimeSpan cap)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The wait before retry number <paramref name="attempt"/>, given a random number in [0, 1); at least 1 ms.</summary>
    public static TimeSpan FullJitter(int attempt, double random, TimeSpan baseDelay, TimeSpan cap)
    {
        var ceiling = Ceiling(attempt, baseDelay, cap);
        var ticks = (long)(ceiling.Ticks * Math.Clamp(random, 0, 1));
        return TimeSpan.FromTicks(Math.Max(ticks, TimeSpan.TicksPerMillisecond));
    }
}
