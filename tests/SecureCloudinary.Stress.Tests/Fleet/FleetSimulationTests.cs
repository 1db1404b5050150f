using System.Globalization;
using System.Text;
using SecureCloudinary.Reliability;

namespace SecureCloudinary.Stress.Tests.Fleet;

/// <summary>
/// 1,000 real credential caches with the default settings share one store for a simulated day (fake clock,
/// seeded jitter): a rolling start, a 30-minute store outage at 11:45, a key rotation at 18:00.
/// </summary>
public sealed class FleetSimulationTests
{
    /// <summary>The documented AWS Secrets Manager quota: GetSecretValue requests per second per region.</summary>
    private const double GetSecretValueQuota = 10_000;

    private const double MaxPeakToMean = 1.5;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public void Fleet_DefaultSettingsForADay_StoreLoadStaysEvenAndEveryInstanceKeepsCredentials()
    {
        // The runbook: the old key is disabled 6 minutes after the store update (one interval + 10%, rounded up).
        var runbook = FleetSimulation.Run(new FleetScenario());
        // The worst case for bunching: all instances restart at once and the old key is disabled after 1 minute.
        var bunched = FleetSimulation.Run(new FleetScenario { StartSpread = TimeSpan.Zero, DisableOldKeyAfter = TimeSpan.FromMinutes(1) });
        var interval = runbook.Scenario.Options.RefreshInterval;

        var report = Describe(runbook, bunched);
        ReliabilityDocs.Report("fleet", report);

        foreach (var result in new[] { runbook, bunched })
        {
            var (peak, mean) = SteadyPeakAndMean(result);
            Assert.True(peak <= MaxPeakToMean * mean, $"steady peak {peak:F2}/s > {MaxPeakToMean} x mean {mean:F2}/s");
            Assert.Equal(0, result.InstancesWithoutCredentials);
            Assert.All(result.RotationPickup, p => Assert.True(p <= (interval * 1.1) + TimeSpan.FromSeconds(1), $"picked up after {p}"));
            Assert.All(result.LongestStale, s => Assert.True(s <= result.Scenario.OutageLength + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2), $"stale for {s}"));
        }

        Assert.Equal(0, runbook.ForcedReads); // With the runbook's wait, nobody meets the disabled key.
        Assert.Equal(bunched.InstancesOnOldKeyAtDisable, bunched.ForcedReads); // One store read per instance still on it.
        Assert.True(bunched.ForcedReads > 0);

        ReliabilityDocs.RegenerateIfRequested("fleet", report);
    }

    /// <summary>
    /// The busiest minute and the mean outside the transients: the start-up wave, the outage and its recovery, and
    /// the seconds in which instances still on a disabled key force a refresh.
    /// </summary>
    private static (double Peak, double Mean) SteadyPeakAndMean(FleetResult r)
    {
        var s = r.Scenario;
        var interval = s.Options.RefreshInterval;
        var outageEnd = s.OutageStart + s.OutageLength;
        var disable = s.RotationAt + s.DisableOldKeyAfter;
        var segments = new[]
        {
            (From: s.StartSpread + (interval * 1.1), To: s.OutageStart),
            (From: outageEnd + TimeSpan.FromMinutes(5) + (interval * 1.1), To: disable),
            (From: disable + s.CallWindow + TimeSpan.FromSeconds(1), To: s.Duration),
        };
        var peak = segments.Max(g => r.PeakPerSecond((int)Window.TotalSeconds, g.From, g.To));
        var seconds = segments.Sum(g => (g.To - g.From).TotalSeconds);
        var mean = segments.Sum(g => r.MeanPerSecondIn(g.From, g.To) * (g.To - g.From).TotalSeconds) / seconds;
        return (peak, mean);
    }

    private static string Describe(FleetResult runbook, FleetResult bunched)
    {
        var c = CultureInfo.InvariantCulture;
        var s = runbook.Scenario;
        var interval = s.Options.RefreshInterval;
        var (peak, mean) = SteadyPeakAndMean(runbook);
        var (bunchedPeak, bunchedMean) = SteadyPeakAndMean(bunched);
        var outagePeak = runbook.PeakPerSecond((int)Window.TotalSeconds, s.OutageStart, s.OutageStart + s.OutageLength + TimeSpan.FromMinutes(10));
        var perInstance = mean / s.Instances;
        var perInstanceOutage = outagePeak / s.Instances;
        var b = new StringBuilder();
        b.AppendLine("## Fleet simulation");
        b.AppendLine();
        b.AppendLine(c, $"{s.Instances:N0} real credential caches (`CloudinaryCredentialProvider`, default settings: `RefreshInterval` {interval.TotalMinutes:0} min ±10%, `MaxStaleness` {s.Options.MaxStaleness.TotalHours:0} h, `MinimumForcedRefreshInterval` {s.Options.MinimumForcedRefreshInterval.TotalSeconds:0} s) share one store for {s.Duration.TotalHours:0} simulated hours on one `FakeTimeProvider` advanced a second at a time, with seeded jitter. Instances start at random within {s.StartSpread.TotalMinutes:0} min; the store is down from {Clock(s.OutageStart)} for {s.OutageLength.TotalMinutes:0} min; a new key is written at {Clock(s.RotationAt)}. \"Runbook\": the old key is disabled {s.DisableOldKeyAfter.TotalMinutes:0} min later, as `docs/rotation.md` says. \"Bunched\": every instance starts in the same second and the old key is disabled after {bunched.Scenario.DisableOldKeyAfter.TotalMinutes:0} min, so most instances force a refresh within {bunched.Scenario.CallWindow.TotalSeconds:0} s. Rates are store reads per second; \"peak\" is the busiest {Window.TotalSeconds:0}-second window; \"steady\" leaves out the start-up wave, the outage with {5 + (interval.TotalMinutes * 1.1):0.#} min of recovery and the forced-refresh seconds. One simulated day takes {runbook.WallTime.TotalSeconds:0.0} s of wall time (Debug build).");
        b.AppendLine();
        b.AppendLine("| Figure | Runbook | Bunched |");
        b.AppendLine("|---|---:|---:|");
        b.AppendLine(c, $"| Store reads in the day (failed during the outage) | {runbook.TotalReads:N0} ({runbook.FailedReads:N0}) | {bunched.TotalReads:N0} ({bunched.FailedReads:N0}) |");
        b.AppendLine(c, $"| Mean reads/s, whole day | {runbook.MeanPerSecond:F2} | {bunched.MeanPerSecond:F2} |");
        b.AppendLine(c, $"| Steady mean / peak reads/s (peak ÷ mean, must be ≤ {MaxPeakToMean}) | {mean:F2} / {peak:F2} ({peak / mean:F2}) | {bunchedMean:F2} / {bunchedPeak:F2} ({bunchedPeak / bunchedMean:F2}) |");
        b.AppendLine(c, $"| Busiest single second, whole day | {runbook.PeakPerSecond(1, TimeSpan.Zero, s.Duration):F0} | {bunched.PeakPerSecond(1, TimeSpan.Zero, s.Duration):F0} |");
        b.AppendLine(c, $"| Peak reads/s during the outage and 10 min after (retries with backoff) | {outagePeak:F2} ({outagePeak / mean:F1}× steady) | {bunched.PeakPerSecond((int)Window.TotalSeconds, s.OutageStart, s.OutageStart + s.OutageLength + TimeSpan.FromMinutes(10)):F2} |");
        b.AppendLine(c, $"| Longest time an instance served stale credentials (first failed refresh → next success), max / mean | {Max(runbook.LongestStale)} / {Mean(runbook.LongestStale)} | {Max(bunched.LongestStale)} / {Mean(bunched.LongestStale)} |");
        b.AppendLine(c, $"| Oldest credentials served (longest gap between successful reads) | {Max(runbook.LongestAge)} | {Max(bunched.LongestAge)} |");
        b.AppendLine(c, $"| Instances ever without usable credentials | {runbook.InstancesWithoutCredentials} | {bunched.InstancesWithoutCredentials} |");
        b.AppendLine(c, $"| Rotation: instances on the old key when it was disabled | {runbook.InstancesOnOldKeyAtDisable:N0} | {bunched.InstancesOnOldKeyAtDisable:N0} |");
        b.AppendLine(c, $"| Rotation: extra store reads (refreshes forced by 401) | {runbook.ForcedReads:N0} | {bunched.ForcedReads:N0} |");
        b.AppendLine(c, $"| Rotation: time to pick up the new key, max / mean | {Max(runbook.RotationPickup)} / {Mean(runbook.RotationPickup)} | {Max(bunched.RotationPickup)} / {Mean(bunched.RotationPickup)} |");
        b.AppendLine();
        b.AppendLine(c, $"A rotation done by the runbook costs no store reads beyond the schedule: every instance reads the new key on a scheduled refresh. Disabling the old key early costs one read per instance still on it, all within seconds; because the refresh after a forced one (and after start-up, and after the first success that ends an outage) is drawn from 10%–110% of the interval, those instances do not stay in step afterwards (with ±10% alone the bunched fleet's busiest minute stayed above 1.5× the mean for about two hours after each such event).");
        b.AppendLine();
        b.AppendLine(c, $"### Instances per AWS region");
        b.AppendLine();
        b.AppendLine(c, $"AWS documents a quota of {GetSecretValueQuota:N0} `GetSecretValue` requests per second per region (shared by everything in the account and region). Measured steady load: {perInstance * 1000:F3} reads/s per 1,000 instances at {interval.TotalMinutes:0} min, peak ÷ mean {peak / mean:F2}. Steady load scales with 1/`RefreshInterval`; the retry load of an outage does not (backoff from 1 s to 5 min), so it is the tighter bound for long intervals.");
        b.AppendLine();
        b.AppendLine("| `RefreshInterval` | Instances at the steady peak | Instances if every instance is retrying an outage |");
        b.AppendLine("|---|---:|---:|");
        foreach (var minutes in new[] { 1, 5, 15, 60 })
        {
            var steadyPeakPerInstance = perInstance * (interval.TotalMinutes / minutes) * (peak / mean);
            b.AppendLine(c, $"| {minutes} min | {GetSecretValueQuota / steadyPeakPerInstance:N0} | {GetSecretValueQuota / Math.Max(perInstanceOutage, steadyPeakPerInstance):N0} |");
        }

        b.AppendLine();
        b.AppendLine(c, $"The outage column uses the retry peak measured at {interval.TotalMinutes:0} min ({perInstanceOutage * 1000:F1} reads/s per 1,000 instances), or the steady peak when that is higher. The retries start at 1 s whatever the interval, so an outage (or throttling by this very quota) multiplies the store load about tenfold while it lasts.");
        return b.ToString();
    }

    private static string Clock(TimeSpan t) => t.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Max(TimeSpan[] values) => Format(values.Max());

    private static string Mean(TimeSpan[] values)
    {
        var positive = values.Where(v => v > TimeSpan.Zero).ToArray();
        return positive.Length == 0 ? "0 s" : Format(TimeSpan.FromTicks((long)positive.Average(v => v.Ticks)));
    }

    private static string Format(TimeSpan t) =>
        t >= TimeSpan.FromMinutes(1)
            ? $"{(int)t.TotalMinutes} min {t.Seconds} s"
            : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0} s");
}
