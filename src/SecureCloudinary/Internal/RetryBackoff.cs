namespace SecureCloudinary.Internal;

/// <summary>
/// Bounded exponential backoff with jitter for secret-store clients: attempt n (1-based) waits between half and
/// all of <c>min(maxDelay, baseDelay * 2^(n-1))</c>. Waits run on a <see cref="TimeProvider"/> so tests use fake time.
/// </summary>
internal static class RetryBackoff
{
    /// <summary>The delay before retry number <paramref name="retry"/> (1 = the first retry).</summary>
    /// <param name="retry">The retry number, starting at 1.</param>
    /// <param name="baseDelay">The first delay (before jitter).</param>
    /// <param name="maxDelay">The cap (before jitter).</param>
    /// <param name="jitter">A number in [0, 1); 0 gives half the nominal delay, values near 1 the full delay.</param>
    /// <returns>The delay; zero when <paramref name="baseDelay"/> is zero or negative.</returns>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        if (baseDelay <= TimeSpan.Zero || retry < 1)
        {
            return TimeSpan.Zero;
        }

        var cap = maxDelay < baseDelay ? baseDelay : maxDelay;
        var nominal = baseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 30));
        var ticks = Math.Min(nominal, cap.Ticks);
        return TimeSpan.FromTicks((long)(ticks / 2 * (1 + Math.Clamp(jitter, 0, 1))));
    }

    /// <summary>Waits before retry number <paramref name="retry"/>, using a random jitter.</summary>
    /// <param name="retry">The retry number, starting at 1.</param>
    /// <param name="baseDelay">The first delay.</param>
    /// <param name="maxDelay">The cap.</param>
    /// <param name="timeProvider">The clock the wait runs on.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes after the delay.</returns>
    public static Task WaitAsync(
        int retry, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var delay = Delay(retry, baseDelay, maxDelay, Random.Shared.NextDouble());
        return delay == TimeSpan.Zero
            ? Task.CompletedTask
            : Task.Delay(delay, timeProvider, cancellationToken);
    }
}
