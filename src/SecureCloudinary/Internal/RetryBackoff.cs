using System.Security.Cryptography;

namespace SecureCloudinary.Internal;

/// <summary>
/// Bounded exponential backoff with jitter, for retrying transient failures of a secret store. Generic: any
/// backend client may use it.
/// </summary>
internal static class RetryBackoff
{
    /// <summary>The largest delay <see cref="GetDelay"/> returns, whatever the base delay.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The delay before retry number <paramref name="retry"/> (0 for the first retry): between half and all of
    /// <c>baseDelay × 2^retry</c>, capped at <see cref="MaxDelay"/>.
    /// </summary>
    /// <param name="retry">The 0-based retry number.</param>
    /// <param name="baseDelay">The delay before the first retry (before jitter).</param>
    /// <returns>The delay; <see cref="TimeSpan.Zero"/> when <paramref name="baseDelay"/> is not positive.</returns>
    public static TimeSpan GetDelay(int retry, TimeSpan baseDelay)
    {
        if (baseDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var ticks = Math.Min(baseDelay.Ticks * (1L << Math.Clamp(retry, 0, 20)), MaxDelay.Ticks);
        var half = ticks / 2;
        return TimeSpan.FromTicks(half + (long)(RandomNumberGenerator.GetInt32(1001) / 1000.0 * half));
    }

    /// <summary>The longest delay <see cref="GetDelay"/> can return for these arguments (for tests and docs).</summary>
    /// <param name="retry">The 0-based retry number.</param>
    /// <param name="baseDelay">The delay before the first retry.</param>
    /// <returns>The upper bound.</returns>
    public static TimeSpan GetMaxDelay(int retry, TimeSpan baseDelay) =>
        baseDelay <= TimeSpan.Zero
            ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(baseDelay.Ticks * (1L << Math.Clamp(retry, 0, 20)), MaxDelay.Ticks));
}
