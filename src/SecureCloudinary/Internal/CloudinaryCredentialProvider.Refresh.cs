using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace SecureCloudinary.Internal;

internal sealed partial class CloudinaryCredentialProvider
{
    /// <summary>Runs one read of the source for everyone waiting on <paramref name="owner"/>; never with a caller's token.</summary>
    private async Task RunRefreshAsync(TaskCompletionSource<CredentialSnapshot> owner, string trigger)
    {
        var started = _time.GetTimestamp();
        using var activity = SecureCloudinaryTelemetry.ActivitySource.StartActivity(SecureCloudinaryTelemetry.RefreshSpan, ActivityKind.Internal);
        activity?.SetTag("securecloudinary.source", _source.Name);
        if (Account is not null)
        {
            activity?.SetTag(SecureCloudinaryTelemetry.AccountSpanAttribute, Account);
        }

        activity?.SetTag("securecloudinary.trigger", trigger);
        try
        {
            var snapshot = await _source.GetCredentialsAsync(_disposed.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The credential source returned no snapshot.");
            var (effective, outcome) = Apply(snapshot, started, spread: trigger != ScheduledTrigger);
            activity?.SetTag("securecloudinary.outcome", outcome);
            activity?.SetTag("securecloudinary.key_fingerprint", effective.Credentials.Fingerprint);
            owner.SetResult(effective);
        }
        catch (OperationCanceledException e) when (_disposed.IsCancellationRequested)
        {
            lock (_gate)
            {
                _flight = null;
            }

            owner.SetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            var error = e as CloudinaryCredentialException ?? new CloudinaryCredentialException(
                _source.Name,
                CredentialFailureReason.Unavailable,
                $"Credential source '{_source.Name}' failed with {e.GetType().Name}.",
                isTransient: true,
                innerException: e);
            activity?.SetTag("securecloudinary.outcome", SecureCloudinaryTelemetry.OutcomeFailed);
            activity?.SetTag("securecloudinary.failure_reason", error.Reason.ToString());
            activity?.SetStatus(ActivityStatusCode.Error, error.Reason.ToString());
            OnFailure(error, started);
            owner.SetException(error);
            _ = owner.Task.Exception; // Observed: a scheduled refresh may have no waiter.
        }
    }

    /// <summary>Swaps in the new snapshot (unless it is the same version), schedules the next refresh, logs and counts.</summary>
    private (CredentialSnapshot Effective, string Outcome) Apply(CredentialSnapshot snapshot, long started, bool spread)
    {
        CredentialCacheEntry? previous;
        CredentialSnapshot effective;
        CancellationTokenSource? fired = null;
        TimeSpan next;
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            // The first success after failed refreshes is unscheduled too: a fleet recovering from a store outage
            // would otherwise keep the bunching its retries ended with.
            spread |= _failures > 0;
            previous = _current;
            var same = previous is not null && IsSameVersion(previous.Snapshot, snapshot);
            if (_rejected is { } bad)
            {
                if (same)
                {
                    _rejected = null; // The store holds the pinned (previous) value again.
                }
                else if (IsSameVersion(bad, snapshot))
                {
                    same = true; // Still the value Cloudinary rejected: keep the previous credentials pinned.
                }
                else
                {
                    _rejected = null; // A different value: adopted below like any rotation.
                }
            }

            effective = same ? previous!.Snapshot : snapshot;
            var entry = new CredentialCacheEntry(effective, _time.GetUtcNow(), now, UsableUntil(now));
            if (same && previous!.IsAccepted)
            {
                entry.MarkAccepted();
            }

            Volatile.Write(ref _current, entry);
            ScheduleExpiryLocked(entry);
            _flight = null;
            _failures = 0;
            _lastError = null;
            _lastFailure = null;
            _firstFailureAt = null;
            if (previous is not null && !same)
            {
                _previous = previous.Snapshot;
                fired = _changed;
                _changed = new CancellationTokenSource();
                Volatile.Write(ref _changeToken, new CancellationChangeToken(_changed.Token));
            }

            next = NextRefreshDelay(snapshot.ExpiresAt, spread);
            ScheduleLocked(next);
        }

        var credentials = effective.Credentials;
        var version = effective.Version ?? "(none)";
        string outcome;
        if (previous is null)
        {
            outcome = SecureCloudinaryTelemetry.OutcomeSuccess;
            _logger.CredentialsLoaded(_source.Name, credentials.CloudName, credentials.Fingerprint, version);
        }
        else if (fired is not null)
        {
            outcome = SecureCloudinaryTelemetry.OutcomeRotated;
            _logger.CredentialsRotated(
                _source.Name, credentials.CloudName, previous.Snapshot.Credentials.Fingerprint, credentials.Fingerprint, version);
        }
        else
        {
            outcome = SecureCloudinaryTelemetry.OutcomeSuccess;
        }

        var duration = _time.GetElapsedTime(started, now);
        _logger.CredentialsRefreshed(_source.Name, outcome, duration.TotalMilliseconds, version, next);
        _metrics.RecordRefresh(outcome, duration);
        if (fired is not null)
        {
            FireChanged(fired);
        }

        return (effective, outcome);
    }

    private static void FireChanged(CancellationTokenSource fired)
    {
        try
        {
            fired.Cancel();
        }
        catch (AggregateException)
        {
            // A subscriber's callback failed; the change itself happened and other subscribers ran.
        }
    }

    private void OnFailure(CloudinaryCredentialException error, long started)
    {
        var now = _time.GetTimestamp();
        CredentialCacheEntry? current;
        var retryIn = TimeSpan.Zero;
        lock (_gate)
        {
            _flight = null;
            _failures++;
            var at = _time.GetUtcNow();
            _lastFailure = new CredentialFailureInfo(error.Reason, error.IsTransient, at);
            _firstFailureAt ??= at;
            current = _current;

            // Remember the failure until its retry is due; callers with nothing usable get it at once meanwhile.
            // The background retry keeps full jitter (spreads a fleet best); callers wait at least half the ceiling.
            var random = Jitter();
            var baseDelay = error.IsTransient ? RetryBackoff.DefaultBase : RetryBackoff.NonTransientBase;
            var hold = RetryBackoff.EqualJitter(_failures, random, baseDelay, RetryBackoff.DefaultCap);
            retryIn = current is null ? hold : RetryBackoff.FullJitter(_failures, random, baseDelay, RetryBackoff.DefaultCap);
            _lastError = error;
            _retryAt = now + (long)(hold.TotalSeconds * _time.TimestampFrequency);
            _retryAtUtc = at + hold;
            if (current is not null)
            {
                // Loaded once: retry in the background. Never loaded: the first caller after the interval tries again.
                ScheduleLocked(retryIn);
            }
        }

        _metrics.RecordRefresh(SecureCloudinaryTelemetry.OutcomeFailed, _time.GetElapsedTime(started, now));
        if (current is not null && current.IsUsable(now))
        {
            var until = _maxStaleness == Timeout.InfiniteTimeSpan
                ? "Infinite"
                : (current.LoadedAt + _maxStaleness).ToString("o", CultureInfo.InvariantCulture);
            _logger.RefreshFailedServingStale(
                _source.Name, error.Reason, error.IsTransient, current.LoadedAt, current.Snapshot.Credentials.Fingerprint, until, retryIn, error);
        }
        else
        {
            _logger.CredentialsUnavailable(_source.Name, error.Reason, error.IsTransient, retryIn, error);
        }
    }

    /// <summary>Same version id when both have one; otherwise the same credentials.</summary>
    private static bool IsSameVersion(CredentialSnapshot previous, CredentialSnapshot next) =>
        previous.Version is not null && next.Version is not null
            ? string.Equals(previous.Version, next.Version, StringComparison.Ordinal)
            : previous.Credentials.Equals(next.Credentials);

    private long UsableUntil(long now)
    {
        if (_maxStaleness == Timeout.InfiniteTimeSpan)
        {
            return long.MaxValue;
        }

        var ticks = _maxStaleness.TotalSeconds * _time.TimestampFrequency;
        return ticks >= long.MaxValue - (double)now ? long.MaxValue - 1 : now + (long)ticks;
    }

    /// <summary>
    /// The refresh interval ±10%, or sooner (90% of the remaining lifetime, at least 1 s) when the source gave an
    /// expiry. After a read nobody scheduled (the first load, a refresh forced by a 401, the first success after an
    /// outage), which a whole fleet may make within the same seconds, the wait is drawn from 10%–110% of the
    /// interval instead: ±10% alone would keep such a fleet hitting the store in step for hours.
    /// </summary>
    private TimeSpan NextRefreshDelay(DateTimeOffset? expiresAt, bool spread)
    {
        var delay = _refreshInterval * (spread ? 0.1 + Jitter() : 0.9 + (0.2 * Jitter()));
        if (expiresAt is { } expiry)
        {
            var remaining = (expiry - _time.GetUtcNow()) * 0.9;
            if (remaining < delay)
            {
                delay = remaining;
            }
        }

        return delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay;
    }
}
