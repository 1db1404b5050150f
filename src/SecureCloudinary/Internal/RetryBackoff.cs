using System.Security.Cryptography;

namespace SecureCloudinary.Internal;

/// <summary>
/// Bounded, jittered exponential backoff for retrying transient failures of secret stores: the delay before
/// retry <c>n</c> (0-based) is <c>baseDelay × 2ⁿ</c> plus up to 50 % jitter, capped at <c>maxDelay</c>.
/// </summary>
internal static class RetryBackoff
{
    /// <summary>The delay before the retry with index <paramref name="retry"/>.</summary>
    /// <param name="retry">0 for the first retry.</param>
    /// <param name="baseDelay">The delay before the first retry (without jitter).</param>
    /// <param name="maxDelay">The largest delay returned.</param>
    /// <returns>The delay; zero when <paramref name="baseDelay"/> is zero.</returns>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retry);
        if (baseDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var ticks = baseDelay.Ticks * Math.Pow(2, Math.Min(retry, 16));
        ticks += ticks * RandomNumberGenerator.GetInt32(0, 501) / 1000.0;
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
