using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace SecureCloudinary.Internal;

/// <summary>
/// The credential cache of one configured client. Reading a usable snapshot takes no lock and does not allocate.
/// Every read of the source (first load, scheduled refresh, refresh forced by a 401) is single-flight: concurrent
/// callers share one call, and a caller's cancellation only stops its own wait. After the first load the cache
/// refreshes itself every <see cref="SecureCloudinaryOptions.RefreshInterval"/> (±10%, sooner when the source
/// gave an expiry); when a refresh fails it keeps serving the last good snapshot for up to
/// <see cref="SecureCloudinaryOptions.MaxStaleness"/> and retries with exponential backoff and jitter. A failure is
/// remembered for between half and all of its backoff ceiling (1 s doubling to 5 min; 10 s doubling for a failure that is not transient):
/// while nothing usable is cached, callers inside that interval get the remembered failure at once instead of each
/// reading the store again.
/// </summary>
internal sealed partial class CloudinaryCredentialProvider : ICloudinaryCredentialProvider, IDisposable
{
    private const string LoadTrigger = "load";
    private const string ScheduledTrigger = "scheduled";
    private const string ForcedTrigger = "forced";
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(30);

    private readonly ICloudinaryCredentialSource _source;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _minimumForcedRefreshInterval;
    private readonly TimeSpan _maxStaleness;
    private readonly CredentialMetrics _metrics;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private CredentialCacheEntry? _current;
    private Task<CredentialSnapshot>? _flight;
    private ITimer? _timer;
    private ITimer? _expiryTimer;
    private bool _isDisposed;
    private CancellationTokenSource _changed = new();
    private CancellationChangeToken _changeToken;
    private long? _lastForcedTimestamp;
    private int _failures;
    private CredentialFailureInfo? _lastFailure;
    private DateTimeOffset? _firstFailureAt;
    private CloudinaryCredentialException? _lastError;
    private long _retryAt;
    private CredentialSnapshot? _previous;
    private CredentialSnapshot? _rejected;
    private DateTimeOffset _retryAtUtc;

    public CloudinaryCredentialProvider(
        ICloudinaryCredentialSource source,
        ILogger<CloudinaryCredentialProvider>? logger = null,
        SecureCloudinaryOptions? options = null,
        TimeProvider? timeProvider = null,
        IMeterFactory? meterFactory = null)
        : this(source, logger, options, timeProvider, meterFactory, account: null)
    {
    }

    /// <summary>The cache of a named account: its name goes on metrics (<c>account</c>) and refresh spans.</summary>
    internal CloudinaryCredentialProvider(
        ICloudinaryCredentialSource source,
        ILogger<CloudinaryCredentialProvider>? logger,
        SecureCloudinaryOptions? options,
        TimeProvider? timeProvider,
        IMeterFactory? meterFactory,
        string? account)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        options ??= new SecureCloudinaryOptions();
        _refreshInterval = options.RefreshInterval;
        _minimumForcedRefreshInterval = options.MinimumForcedRefreshInterval;
        _maxStaleness = options.MaxStaleness;
        _changeToken = new CancellationChangeToken(_changed.Token);
        Account = string.IsNullOrEmpty(account) ? null : account;
        _metrics = new CredentialMetrics(meterFactory, source.Name, ObserveAgeSeconds, ObserveFingerprintInUse, Account);
    }

    public string SourceName => _source.Name;

    /// <summary>The named account this cache belongs to, or null for the unnamed registration.</summary>
    internal string? Account { get; }

    /// <summary>Returns a number in [0, 1) for refresh and backoff jitter; replaceable in tests.</summary>
    internal Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>The last good entry (even when too stale to serve), or null before the first successful load.</summary>
    internal CredentialCacheEntry? Current => Volatile.Read(ref _current);

    /// <summary>The read of the source in progress, or null; lets tests wait for a refresh a timer started.</summary>
    internal Task<CredentialSnapshot>? PendingRefresh
    {
        get
        {
            lock (_gate)
            {
                return _flight;
            }
        }
    }

    public ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        // Hot path: two volatile reads; no clock, no lock, no allocation. A timer marks the entry expired when
        // MaxStaleness has passed since the last successful read; the slow path checks the clock as well.
        var entry = Volatile.Read(ref _current);
        return entry is not null && !entry.IsExpired
            ? new ValueTask<CredentialSnapshot>(entry.Snapshot)
            : LoadOrReplayFailure(cancellationToken);
    }

    public async ValueTask<CredentialSnapshot> ForceRefreshAsync(CredentialSnapshot rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        Task<CredentialSnapshot> flight;
        TaskCompletionSource<CredentialSnapshot>? owner = null;
        lock (_gate)
        {
            var current = _current;
            if (current is not null && !current.Snapshot.Credentials.Equals(rejected.Credentials))
            {
                // Another caller already picked up newer credentials.
                return current.Snapshot;
            }

            if (_rejected is not null)
            {
                // The pinned previous credentials are rejected now too (the old key was disabled): give the store's
                // value, rejected before, another chance.
                _rejected = null;
            }

            if (_flight is { } running)
            {
                flight = running;
            }
            else
            {
                var now = _time.GetTimestamp();
                if (_lastForcedTimestamp is { } last && _time.GetElapsedTime(last, now) < _minimumForcedRefreshInterval)
                {
                    _logger.ForcedRefreshThrottled(_source.Name, rejected.Credentials.Fingerprint, _minimumForcedRefreshInterval);
                    return FallbackLocked(rejected);
                }

                _lastForcedTimestamp = now;
                flight = JoinOrStartLocked(out owner);
            }
        }

        if (owner is not null)
        {
            _logger.ForcedRefresh(_source.Name, rejected.Credentials.Fingerprint);
            _metrics.RecordForcedRefresh();
            _ = RunRefreshAsync(owner, ForcedTrigger);
        }

        try
        {
            var fresh = await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!fresh.Credentials.Equals(rejected.Credentials))
            {
                return fresh;
            }
        }
        catch (CloudinaryCredentialException)
        {
            // The refresh failed (and was logged): keep using what we have; the caller reports Cloudinary's 401.
        }

        lock (_gate)
        {
            return FallbackLocked(rejected);
        }
    }

    /// <summary>
    /// Called by the client when Cloudinary accepted a request signed with <paramref name="accepted"/> (repeated after
    /// a 401 with <paramref name="rejected"/>, or null). When the accepted ones are the credentials in use before the
    /// last rotation and the rejected ones that rotation's, the store holds a key Cloudinary does not accept: the
    /// previous credentials are pinned until the store's value changes.
    /// </summary>
    internal void ReportAccepted(CredentialSnapshot accepted, CredentialSnapshot? rejected)
    {
        if (Volatile.Read(ref _current) is { IsAccepted: false } used && ReferenceEquals(used.Snapshot, accepted))
        {
            used.MarkAccepted(); // Once accepted, a later 401 (a disabled or revoked key) never falls back to older credentials.
        }

        if (rejected is null)
        {
            return;
        }

        CancellationTokenSource fired;
        CredentialSnapshot previous;
        lock (_gate)
        {
            if (_isDisposed
                || _rejected is not null
                || _previous is not { } p
                || _current is not { } current
                || !current.Snapshot.Credentials.Equals(rejected.Credentials)
                || !p.Credentials.Equals(accepted.Credentials))
            {
                return;
            }

            previous = p;
            _rejected = current.Snapshot;
            var entry = new CredentialCacheEntry(previous, current.LoadedAt, current.LoadedTimestamp, current.UsableUntil);
            entry.MarkAccepted();
            Volatile.Write(ref _current, entry);
            ScheduleExpiryLocked(entry);
            fired = _changed;
            _changed = new CancellationTokenSource();
            Volatile.Write(ref _changeToken, new CancellationChangeToken(_changed.Token));
        }

        _logger.RotatedCredentialsRejected(
            _source.Name,
            rejected.Credentials.CloudName,
            rejected.Credentials.Fingerprint,
            rejected.Version ?? "(none)",
            previous.Credentials.Fingerprint);
        FireChanged(fired);
    }

    /// <summary>
    /// What to use after a 401 when the source offers nothing newer: the credentials in use before the last
    /// rotation, when the rejected ones are that rotation's and Cloudinary never accepted them (the client then
    /// repeats its request with them and reports the outcome); otherwise the current snapshot.
    /// </summary>
    private CredentialSnapshot FallbackLocked(CredentialSnapshot rejected)
    {
        var current = _current;
        return _rejected is null
            && _previous is { } previous
            && current is not null
            && !current.IsAccepted
            && current.Snapshot.Credentials.Equals(rejected.Credentials)
            && !previous.Credentials.Equals(rejected.Credentials)
            && current.IsUsable(_time.GetTimestamp())
                ? previous
                : current?.Snapshot ?? rejected;
    }

    public IChangeToken GetChangeToken() => Volatile.Read(ref _changeToken);

    /// <summary>A consistent view of the cache for the health check.</summary>
    internal CredentialHealthState GetHealthState()
    {
        lock (_gate)
        {
            var current = _current;
            DateTimeOffset? usableUntil = current is null || _maxStaleness == Timeout.InfiniteTimeSpan
                ? null
                : current.LoadedAt + _maxStaleness;
            return new CredentialHealthState(
                current,
                current is not null && current.IsUsable(_time.GetTimestamp()),
                _failures,
                _lastFailure,
                _firstFailureAt,
                usableUntil,
                _rejected);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_isDisposed)
            {
                return;
            }

            _isDisposed = true;
            _timer?.Dispose();
            _expiryTimer?.Dispose();
        }

        _disposed.Cancel();
        _metrics.Dispose();
    }

    /// <summary>
    /// The slow path: the snapshot when usable, the remembered failure while its retry is not due, else the shared
    /// read of the source. Not async, so replaying a failure to many callers costs no state machine and no throw.
    /// </summary>
    private ValueTask<CredentialSnapshot> LoadOrReplayFailure(CancellationToken cancellationToken)
    {
        Task<CredentialSnapshot> flight;
        TaskCompletionSource<CredentialSnapshot>? owner;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_current is { } current && current.IsUsable(now))
            {
                return new ValueTask<CredentialSnapshot>(current.Snapshot);
            }

            if (_flight is null && _lastError is { } error && now < _retryAt)
            {
                return ValueTask.FromException<CredentialSnapshot>(Remembered(error));
            }

            flight = JoinOrStartLocked(out owner);
        }

        if (owner is not null)
        {
            _ = RunRefreshAsync(owner, LoadTrigger);
        }

        return new ValueTask<CredentialSnapshot>(flight.WaitAsync(cancellationToken));
    }

    /// <summary>A copy of the remembered failure for one caller: same source, reason and transience; the original inside.</summary>
    private CloudinaryCredentialException Remembered(CloudinaryCredentialException error) =>
        new(
            error.SourceName,
            error.Reason,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{error.Message} (Remembered: source {_source.Name} is read again after {_retryAtUtc:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}.)"),
            error.IsTransient,
            error);

    /// <summary>Returns the read in progress, or registers a new one (started by the caller outside the lock).</summary>
    private Task<CredentialSnapshot> JoinOrStartLocked(out TaskCompletionSource<CredentialSnapshot>? owner)
    {
        if (_flight is { } running)
        {
            owner = null;
            return running;
        }

        owner = new TaskCompletionSource<CredentialSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        _flight = owner.Task;
        return owner.Task;
    }

    private void OnTimer()
    {
        TaskCompletionSource<CredentialSnapshot>? owner;
        lock (_gate)
        {
            if (_isDisposed)
            {
                return;
            }

            JoinOrStartLocked(out owner);
        }

        if (owner is not null)
        {
            _ = RunRefreshAsync(owner, ScheduledTrigger);
        }
    }

    private void ScheduleLocked(TimeSpan delay)
    {
        if (_isDisposed)
        {
            return;
        }

        if (_timer is null)
        {
            _timer = _time.CreateTimer(static state => ((CloudinaryCredentialProvider)state!).OnTimer(), this, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Arms the expiry timer for the entry just stored (at most 30 days at a time: timers have a range limit).</summary>
    private void ScheduleExpiryLocked(CredentialCacheEntry entry)
    {
        if (_isDisposed || entry.UsableUntil == long.MaxValue)
        {
            return;
        }

        var remaining = _time.GetElapsedTime(_time.GetTimestamp(), entry.UsableUntil);
        var due = remaining <= TimeSpan.Zero ? TimeSpan.Zero : remaining > MaxTimerDue ? MaxTimerDue : remaining;
        if (_expiryTimer is null)
        {
            _expiryTimer = _time.CreateTimer(static state => ((CloudinaryCredentialProvider)state!).OnExpiryTimer(), this, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _expiryTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnExpiryTimer()
    {
        lock (_gate)
        {
            if (_current is not { } entry || entry.IsExpired)
            {
                return;
            }

            if (entry.UsableUntil != long.MaxValue && _time.GetTimestamp() >= entry.UsableUntil)
            {
                entry.MarkExpired();
            }
            else
            {
                ScheduleExpiryLocked(entry);
            }
        }
    }

    /// <summary>The fingerprint of the credentials served now; none once they are too stale to serve.</summary>
    private string? ObserveFingerprintInUse() =>
        Volatile.Read(ref _current) is { } entry && entry.IsUsable(_time.GetTimestamp()) ? entry.Snapshot.Credentials.Fingerprint : null;

    private double? ObserveAgeSeconds() =>
        Volatile.Read(ref _current) is { } entry ? _time.GetElapsedTime(entry.LoadedTimestamp).TotalSeconds : null;
}
