using System.Security.Cryptography;

namespace SecureCloudinary.Internal;

/// <summary>
/// Exponential backoff shared by the credential cache (1 s doubling to 5 min, 10 s doubling for a failure that is not
/// transient; full jitter for its background retries, equal jitter for how long a failure is remembered) and by secret-store clients retrying a transient failure within one read
/// (equal jitter, capped at 10 s).
/// </summary>
internal static class RetryBackoff
{
    /// <summary>The first wait of the credential cache's refresh retries.</summary>
    public static readonly TimeSpan DefaultBase = TimeSpan.FromSeconds(1);

    /// <summary>The first wait of the credential cache after a failure that is not transient (access denied, not found, invalid).</summary>
    public static readonly TimeSpan NonTransientBase = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait of the credential cache's refresh retries.</summary>
    public static readonly TimeSpan DefaultCap = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between a store client's retries within one read.</summary>
    public static readonly TimeSpan StoreRetryCap = TimeSpan.FromSeconds(10);

    /// <summary>The ceiling of the wait before retry number <paramref name="attempt"/> (1-based): min(cap, base × 2^(attempt−1)).</summary>
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

    /// <summary>
    /// The wait before retry number <paramref name="attempt"/> (1-based), given a random number in [0, 1): between
    /// half and all of the ceiling, so a failure is always remembered for a while and a fleet still drifts apart.
    /// </summary>
    public static TimeSpan EqualJitter(int attempt, double random, TimeSpan baseDelay, TimeSpan cap)
    {
        var ceiling = Ceiling(attempt, baseDelay, cap);
        var ticks = (long)(ceiling.Ticks * (0.5 + (0.5 * Math.Clamp(random, 0, 1))));
        return TimeSpan.FromTicks(Math.Max(ticks, TimeSpan.TicksPerMillisecond));
    }

    /// <summary>
    /// A store client's wait before retry number <paramref name="retry"/> (0-based): between half and all of
    /// <c>baseDelay × 2^retry</c>, capped at <see cref="StoreRetryCap"/>; zero when <paramref name="baseDelay"/> is not positive.
    /// </summary>
    public static TimeSpan GetDelay(int retry, TimeSpan baseDelay)
    {
        var ceiling = GetMaxDelay(retry, baseDelay);
        var half = ceiling.Ticks / 2;
        return TimeSpan.FromTicks(half + (long)(RandomNumberGenerator.GetInt32(1001) / 1000.0 * half));
    }

    /// <summary>The longest wait <see cref="GetDelay"/> can return for these arguments.</summary>
    public static TimeSpan GetMaxDelay(int retry, TimeSpan baseDelay) =>
        baseDelay <= TimeSpan.Zero ? TimeSpan.Zero : Ceiling(retry + 1, baseDelay, StoreRetryCap);
}
