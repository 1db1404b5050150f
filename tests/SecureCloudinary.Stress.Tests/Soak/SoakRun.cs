using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Stress.Tests.Soak;

/// <summary>
/// The soak: workers call Cloudinary (the loopback emulator) through the DI-built client as fast as they can
/// while the key rotates in the store (Configuration source over an in-memory provider swapped in one reload),
/// the old key is disabled at Cloudinary before every instance could have refreshed, and the store has faults.
/// </summary>
internal sealed class SoakRun
{
    /// <summary>Every secret (and the malformed URL a fault serves) contains this text.</summary>
    public const string Sentinel = "S0akS3ntinel";

    /// <summary>Wall time of the calls (the run adds about a second of set-up).</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    public const int Workers = 16;

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan RotationPeriod = TimeSpan.FromSeconds(3);

    /// <summary>Old key disabled this long after the store update: shorter than the refresh interval.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(600);

    /// <summary>Sets the seed of the run's randomness (fault schedule, slow reads, secrets); else a fresh one, printed.</summary>
    public const string SeedVariable = "SECURECLOUDINARY_SOAK_SEED";

    /// <summary>Calls still in flight when the cache got the new key: the forced-refresh throttle.</summary>
    public static readonly TimeSpan ExcuseSlack = MinimumForcedRefreshInterval;

    private static readonly byte[] Payload = "soak payload: a few bytes of text"u8.ToArray();

    private readonly RotatingStoreProvider _store;
    private readonly ConcurrentDictionary<string, string> _published = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _disabledAt = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(long Published, long Disabled)> _rotationTimes = new();
    private readonly List<FaultWindow> _faults = [];
    private readonly ConcurrentQueue<string> _exceptions = new();
    private readonly ConcurrentQueue<string> _unexplained = new();
    private readonly TaskCompletionSource _firstRotation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _seed;
    private readonly Random _random;
    private readonly Random _secrets;
    private long _calls;
    private long _uploads;
    private long _pings;
    private long _unexplainedFailures;
    private long _explainedFailures;
    private long _exceptionCount;
    private int _rotations;

    private SoakRun(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
        _secrets = new Random(unchecked(seed + 1));
        _store = new RotatingStoreProvider(unchecked(seed + 2));
    }

    /// <summary>The seed from <see cref="SeedVariable"/>, or a fresh one.</summary>
    public static int ChooseSeed() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();

    public static Task<SoakResult> RunAsync(int seed, CancellationToken cancellationToken) => new SoakRun(seed).ExecuteAsync(cancellationToken);

    private async Task<SoakResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        var first = NewKey(1);
        await using var emulator = await CloudinaryEmulator.StartAsync(
            new CloudinaryEmulatorOptions { ApiKey = first.Key, ApiSecret = first.Secret }, cancellationToken);
        Publish(emulator, first.Key, first.Secret);
        var configuration = new ConfigurationBuilder().Add(_store).Build();
        var logs = new FakeLogCollector();
        using var telemetry = new TelemetryCapture();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddMetrics();
        services.AddSecureCloudinary(o =>
        {
            o.Source = "Configuration";
            o.RefreshInterval = RefreshInterval;
            o.MinimumForcedRefreshInterval = MinimumForcedRefreshInterval;
            o.MaxStaleness = TimeSpan.FromMinutes(5);
            o.ApiBaseAddress = emulator.BaseAddress;
        });
        var detector = Decorate(services);
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var rotation = RotateAsync(emulator, stop.Token);
            var faults = InjectFaultsAsync(stop.Token);
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, Workers)
                .Select(w => Task.Run(() => WorkAsync(w, provider.GetRequiredService<CloudinaryClient>(), clock, cancellationToken), cancellationToken))
                .ToArray();
            await Task.WhenAll(workers);
            await stop.CancelAsync();
            await Task.WhenAll(rotation, faults);
            telemetry.RecordObservables();
        }

        var excusable = ExcusableTime(Stopwatch.GetTimestamp());
        var requests = emulator.Requests;
        var records = logs.GetSnapshot();
        var texts = records.SelectMany(r => new[] { r.Message, r.Exception?.ToString() }
                .Concat(r.StructuredState?.Select(s => $"{s.Key}={s.Value}") ?? []))
            .Select(t => ("log", t))
            .Concat(telemetry.MetricTexts.Select(t => ("metric", (string?)t)))
            .Concat(telemetry.TraceTexts.Select(t => ("trace", (string?)t)))
            .Concat(_exceptions.Select(t => ("exception", (string?)t)));
        var leaks = texts
            .Where(t => t.Item2 is not null && (t.Item2.Contains(Sentinel, StringComparison.Ordinal) || _published.Values.Any(s => t.Item2.Contains(s, StringComparison.Ordinal))))
            .Select(t => $"{t.Item1}: {t.Item2!.Replace(Sentinel, "<sentinel>", StringComparison.Ordinal)}")
            .Distinct()
            .ToList();

        return new SoakResult
        {
            Seed = _seed,
            ExcusableTime = excusable,
            Duration = Duration,
            Workers = Workers,
            Calls = _calls,
            Uploads = _uploads,
            Pings = _pings,
            UnexplainedFailures = _unexplainedFailures,
            FaultExplainedFailures = _explainedFailures,
            Rotations = _rotations,
            FaultWindows = _faults.Count,
            StoreReads = _store.Reads,
            FaultedStoreReads = _store.FaultedReads,
            RefreshesFailed = records.Count(r => r.Id.Id is 1004 or 1001),
            ForcedRefreshes = telemetry.Sum("securecloudinary.credentials.forced_refreshes"),
            DisabledKeyRejections = requests.Count(r => r.StatusCode == 401 && (r.ErrorMessage?.Contains("disabled", StringComparison.Ordinal) ?? false)),
            RotatedRetries = records.Count(r => r.Id.Id == 1407),
            SnapshotsChecked = detector.Checked,
            TornPairs = detector.Torn,
            WrongSecretRejections = requests.Count(r => r.StatusCode == 401
                && (r.ErrorMessage?.StartsWith("Invalid Signature", StringComparison.Ordinal) == true || r.ErrorMessage == "api_secret mismatch")),
            LogRecords = records.Count,
            MetricMeasurements = telemetry.Measurements,
            Spans = telemetry.Spans,
            Exceptions = _exceptionCount,
            Leaks = leaks,
            UnexplainedSamples = [.. _unexplained.Take(5)],
        };
    }

    private (string Key, string Secret) NewKey(int n) =>
        ((100_000_000_000_000L + n).ToString(CultureInfo.InvariantCulture), $"{Sentinel}-{n:D4}-{_secrets.NextInt64():x16}");

    /// <summary>Replaces the DI provider with the torn-pair detector around it (which disposes it).</summary>
    private TornPairDetector Decorate(ServiceCollection services)
    {
        var descriptor = services.Single(d => d.ServiceType == typeof(ICloudinaryCredentialProvider));
        services.Remove(descriptor);
        var detector = new TornPairDetector(_published, key => _disabledAt.ContainsKey(key), () => _store.LastReadFaulted);
        services.AddSingleton<ICloudinaryCredentialProvider>(sp =>
        {
            detector.Inner = (ICloudinaryCredentialProvider)descriptor.ImplementationFactory!(sp);
            return detector;
        });
        return detector;
    }

    private void Publish(CloudinaryEmulator emulator, string key, string secret)
    {
        _published[key] = secret;
        _store.Publish(new CloudinaryCredentials(emulator.CloudName, key, secret));
    }

    private async Task RotateAsync(CloudinaryEmulator emulator, CancellationToken stop)
    {
        var current = emulator.Credentials.ApiKey;
        try
        {
            for (var n = 2; ; n++)
            {
                // The first rotation disables the old key at once, before any store fault: calls are certain to meet
                // the disabled key and to be repeated with the new one. Later ones wait Grace (some still meet it).
                var grace = n == 2 ? TimeSpan.Zero : Grace;
                await Task.Delay(RotationPeriod - grace, stop);
                var (key, secret) = NewKey(n);
                emulator.AddApiKey(key, secret);
                Publish(emulator, key, secret);
                var published = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _rotations);
                if (grace > TimeSpan.Zero)
                {
                    await Task.Delay(grace, stop);
                }

                _disabledAt[current] = Stopwatch.GetTimestamp();
                _rotationTimes.Enqueue((published, _disabledAt[current]));
                emulator.DisableApiKey(current);
                current = key;
                _firstRotation.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task InjectFaultsAsync(CancellationToken stop)
    {
        var kinds = new[] { StoreFault.Throw, StoreFault.Missing, StoreFault.Malformed };
        try
        {
            await _firstRotation.Task.WaitAsync(stop);
            await Task.Delay(TimeSpan.FromSeconds(1), stop); // the first rotation's forced refreshes meet a healthy store
            for (var first = true; ; first = false)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(1_000, 2_500)), stop);
                var window = new FaultWindow(kinds[_random.Next(kinds.Length)], Stopwatch.GetTimestamp());
                lock (_faults)
                {
                    _faults.Add(window);
                }

                var faultedBefore = _store.FaultedReads;
                _store.Fault = window.Fault;
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(250, 1_000)), stop);
                    // The first window stays open until a store read met it (a scheduled refresh runs every
                    // RefreshInterval ±10%), so a run always exercises a failed refresh; bounded for a starved machine.
                    for (var waited = 0; first && _store.FaultedReads == faultedBefore && waited < 100; waited++)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50), stop);
                    }
                }
                finally
                {
                    _store.Fault = StoreFault.None;
                    window.Close();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task WorkAsync(int worker, CloudinaryClient client, Stopwatch clock, CancellationToken cancellationToken)
    {
        for (var i = 0; clock.Elapsed < Duration; i++)
        {
            var trace = new CallTrace();
            CallTrace.Current = trace;
            Interlocked.Increment(ref _calls);
            try
            {
                if (i % 3 == 2)
                {
                    Interlocked.Increment(ref _pings);
                    var ping = await client.PingAsync(cancellationToken);
                    Check(ping.Status == "ok", "ping status");
                }
                else
                {
                    Interlocked.Increment(ref _uploads);
                    using var stream = new MemoryStream(Payload, writable: false);
                    var request = UploadRequest.FromStream(stream, "soak.txt");
                    request.ResourceType = "raw";
                    request.PublicId = $"soak/w{worker}-{i % 8}";
                    request.Overwrite = true;
                    var result = await client.UploadAsync(request, cancellationToken);
                    Check(result.Bytes == Payload.Length, "uploaded size");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _exceptionCount);
                _exceptions.Enqueue(e.ToString());
                if (IsExcused(e, trace))
                {
                    Interlocked.Increment(ref _explainedFailures);
                }
                else
                {
                    Interlocked.Increment(ref _unexplainedFailures);
                    _unexplained.Enqueue($"{e.GetType().Name}: {e.Message} (key disabled: {trace.LastKey is { } k && _disabledAt.ContainsKey(k)}, forced refreshes: {trace.ForcedRefreshes}, "
                        + $"returned a disabled key: {trace.ForcedRefreshReturnedDisabledKey}, after a faulted store read: {trace.ForcedRefreshAfterFaultedRead})");
                }
            }
            finally
            {
                CallTrace.Current = null;
            }
        }
    }

    /// <summary>
    /// A call may fail only when Cloudinary rejected the key it used because that key was disabled, and the refresh
    /// the 401 forced could not read the new key because of a store fault: the forced refresh handed back a disabled
    /// key, and the store's latest read (by that refresh, or by the one that throttled it) had met a fault. Anything
    /// else is a failure the library should have avoided.
    /// </summary>
    private bool IsExcused(Exception e, CallTrace trace) =>
        e is CloudinaryApiException { StatusCode: HttpStatusCode.Unauthorized }
        && trace.LastKey is { } key && _disabledAt.ContainsKey(key)
        && trace.ForcedRefreshes > 0
        && trace.ForcedRefreshReturnedDisabledKey
        && trace.ForcedRefreshAfterFaultedRead;

    /// <summary>
    /// The time in which an excused failure is possible: from the disabling of a key until the first read of the
    /// store after the new key was published that met no fault (it brings the new key; if it came before the
    /// disabling, no call can meet the disabled key), plus <see cref="ExcuseSlack"/> for calls in flight.
    /// </summary>
    private TimeSpan ExcusableTime(long end)
    {
        var successes = _store.SuccessfulReads.Order().ToList();
        long total = 0;
        foreach (var (published, disabled) in _rotationTimes)
        {
            var healed = successes.FirstOrDefault(t => t > published, end);
            if (healed > disabled)
            {
                total += Math.Min(end, healed + ToTicks(ExcuseSlack)) - disabled;
            }
        }

        return TimeSpan.FromSeconds((double)total / Stopwatch.Frequency);
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Unexpected {what}.");
        }
    }
}
