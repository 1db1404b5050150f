using System.Globalization;
using System.Text;
using SecureCloudinary.Reliability;

namespace SecureCloudinary.Stress.Tests.Fleet;

/// <summary>
/// The fleet through a <c>secure-cloudinary rotate</c> (issue 14, proof): 1,000 real credential caches whose apps call
/// Cloudinary every 5 s with the key their cache gives them. Rotate's timeline: the new key (accepted by Cloudinary
/// from then on) is written to the store at T, the old key is disabled at T + the wait. A call made with the disabled
/// key gets 401, forces a refresh and is repeated once, as <c>CloudinaryClient</c> does.
/// </summary>
public sealed class FleetRotateTests
{
    /// <summary>The bound the steady state meets (see <see cref="FleetSimulationTests"/>): peak ≤ 1.5 × mean.</summary>
    private const double MaxPeakToMean = 1.5;

    private static readonly TimeSpan CallEvery = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public void Fleet_RotateWithTheDefaultWait_NoFailedCallAndNoExtraStoreLoad()
    {
        var options = new SecureCloudinaryOptions();
        var result = FleetSimulation.Run(Scenario(options, options.RotationPickupTime));
        var s = result.Scenario;
        var disable = s.RotationAt + s.DisableOldKeyAfter;
        var steady = SteadyMean(s);
        var rotationPeak = result.PeakPerSecond((int)Window.TotalSeconds, s.RotationAt, s.Duration);
        var report = new StringBuilder();
        Describe(report, "Default wait", result);

        Assert.Equal(0, result.FailedAppCalls);
        Assert.Equal(0, result.InstancesOnOldKeyAtDisable); // every instance read the new key within the wait
        Assert.Equal(0, result.RejectedAppCalls);
        Assert.Equal(0, result.ForcedReads); // the rotation costs no read beyond the schedule
        Assert.Equal(s.Instances, result.InstancesOnNewKeyAtEnd);
        Assert.All(result.RotationPickup, p => Assert.True(p <= s.DisableOldKeyAfter, $"picked up {p} after the store update, after the old key was disabled"));
        Assert.True(rotationPeak <= MaxPeakToMean * steady, $"busiest minute from the rotation on {rotationPeak:F2}/s > {MaxPeakToMean} x steady {steady:F2}/s");
        Assert.True(result.AppCalls > s.Instances * (s.Duration - s.StartSpread).TotalSeconds / CallEvery.TotalSeconds * 0.99, "the apps should have kept calling");
        Assert.True(disable < s.Duration - (s.Options.RefreshInterval * 1.1), "the scenario should run past the disabling");

        var section = Section("Fleet through `rotate` with its default wait", "The wait is rotate's default, `RefreshInterval` + 10% + `MinimumForcedRefreshInterval`: every instance has read the new key before the old one is disabled, so the rotation costs no store read beyond the schedule and its busiest minute stays within the steady-state bound (≤ 1.5× the mean).", report);
        ReliabilityDocs.Report("fleet-rotate", section);
        ReliabilityDocs.RegenerateIfRequested("fleet-rotate", section);
    }

    [Fact]
    public void Fleet_RotateWaitShorterThanTheFleetsRefreshInterval_ForcedRefreshesKeepEveryCallAndStayThrottled()
    {
        // The fleet refreshes every 15 min; the operator runs `rotate --wait 5m`.
        var options = new SecureCloudinaryOptions { RefreshInterval = TimeSpan.FromMinutes(15) };
        var wait = TimeSpan.FromMinutes(5);
        var result = FleetSimulation.Run(Scenario(options, wait));
        var s = result.Scenario;
        var disable = s.RotationAt + s.DisableOldKeyAfter;
        var minimum = options.MinimumForcedRefreshInterval;
        // At most one forced read per instance per MinimumForcedRefreshInterval: over any window that long, the
        // fleet's forced reads cannot exceed one per instance.
        var forcedPeak = result.PeakForcedPerSecond((int)minimum.TotalSeconds, disable, s.Duration);
        var forcedBound = s.Instances / minimum.TotalSeconds;
        var report = new StringBuilder();
        Describe(report, "`--wait` 5 min, fleet `RefreshInterval` 15 min", result);

        Assert.True(result.InstancesOnOldKeyAtDisable > s.Instances / 2, $"only {result.InstancesOnOldKeyAtDisable} instances on the old key: the wait should be too short for most");
        Assert.Equal(0, result.FailedAppCalls);
        // Instances still on the old key meet one 401 at their next call (a few refresh on schedule before it).
        Assert.InRange(result.RejectedAppCalls, (int)(result.InstancesOnOldKeyAtDisable * 0.95), result.InstancesOnOldKeyAtDisable);
        Assert.Equal(result.RejectedAppCalls, result.RepeatedAppCalls); // each repeated once, and accepted
        Assert.Equal(result.RejectedAppCalls, result.ForcedReads); // one store read per 401 ...
        Assert.Equal(1, result.MaxForcedReadsPerInstance); // ... and at most one per instance
        Assert.True(result.ShortestForcedGap is null || result.ShortestForcedGap >= minimum, $"an instance forced two reads {result.ShortestForcedGap} apart");
        Assert.True(forcedPeak <= forcedBound, $"forced reads peaked at {forcedPeak}/s over {minimum.TotalSeconds} s > one per instance in that window ({forcedBound}/s)");
        // All within one call period (the key is disabled after that second's calls, so the period ends a second later).
        Assert.Equal(0, result.PeakForcedPerSecond(1, disable + CallEvery + TimeSpan.FromSeconds(1), s.Duration));
        Assert.Equal(s.Instances, result.InstancesOnNewKeyAtEnd);

        var section = Section("Fleet through `rotate` with too short a `--wait`", "The fleet refreshes every 15 min and the operator passes `--wait 5m`: most instances are still on the old key when it is disabled. Each meets one 401 at its next call, forces one store read and repeats that call once with the new key; no call fails. The forced reads all come within one call period (5 s), at most one per instance, so over any `MinimumForcedRefreshInterval` (10 s) they stay within one per instance: instances ÷ that interval per second on average over the window (the busiest single second can be higher).", report);
        ReliabilityDocs.Report("fleet-rotate-short-wait", section);
        ReliabilityDocs.RegenerateIfRequested("fleet-rotate-short-wait", section);
    }

    /// <summary>
    /// A steady fleet (rolling start, then one full refresh round) before the rotation, and at least one full round
    /// after the old key is disabled. No store outage.
    /// </summary>
    private static FleetScenario Scenario(SecureCloudinaryOptions options, TimeSpan wait)
    {
        var round = options.RefreshInterval * 1.1;
        var start = TimeSpan.FromMinutes(10);
        var rotation = start + round + TimeSpan.FromMinutes(5);
        var duration = rotation + wait + round + TimeSpan.FromMinutes(5);
        return new FleetScenario
        {
            Duration = TimeSpan.FromSeconds(Math.Ceiling(duration.TotalSeconds)),
            StartSpread = start,
            OutageStart = duration + TimeSpan.FromHours(1),
            RotationAt = TimeSpan.FromSeconds(Math.Ceiling(rotation.TotalSeconds)),
            DisableOldKeyAfter = wait,
            CallEvery = CallEvery,
            AppCallsUseTheKey = true,
            Options = options,
        };
    }

    /// <summary>The steady state: each instance reads once per <c>RefreshInterval</c> on average.</summary>
    private static double SteadyMean(FleetScenario s) => s.Instances / s.Options.RefreshInterval.TotalSeconds;

    private static void Describe(StringBuilder b, string name, FleetResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var s = r.Scenario;
        var disable = s.RotationAt + s.DisableOldKeyAfter;
        var steady = SteadyMean(s);
        var peak = r.PeakPerSecond((int)Window.TotalSeconds, s.RotationAt, s.Duration);
        b.AppendLine(c, $"| {name} | {s.DisableOldKeyAfter.TotalSeconds:0} s | {r.AppCalls:N0} | {r.FailedAppCalls:N0} | {r.InstancesOnOldKeyAtDisable:N0} | {r.RejectedAppCalls:N0} / {r.RepeatedAppCalls:N0} | {r.ForcedReads:N0} | {r.PeakForcedPerSecond(1, disable, s.Duration):N0} / {r.PeakForcedPerSecond((int)s.Options.MinimumForcedRefreshInterval.TotalSeconds, disable, s.Duration):F1} (≤ {s.Instances / s.Options.MinimumForcedRefreshInterval.TotalSeconds:N0}) | {steady:F2} / {peak:F2} ({peak / steady:F2}) | {r.InstancesOnNewKeyAtEnd:N0} |");
    }

    private static string Section(string title, string finding, StringBuilder rows)
    {
        var b = new StringBuilder();
        b.AppendLine("### " + title);
        b.AppendLine();
        b.AppendLine("1,000 caches as above (no outage), each app calling Cloudinary every 5 s with the key its cache gives it. `rotate`'s timeline: the new key is written to the store at T, the old key is disabled at T + the wait (by default `RefreshInterval` + 10% + `MinimumForcedRefreshInterval`). A call with the disabled key gets 401, forces a refresh and is repeated once with the refreshed key.");
        b.AppendLine();
        b.AppendLine("| Run | Wait | App calls | Failed | On the old key when disabled | 401s / repeated and accepted | Forced store reads | Forced reads/s: busiest second / busiest `MinimumForcedRefreshInterval` window (bound for the window: instances ÷ that interval) | Steady mean / busiest minute from T, reads/s (÷ mean) | On the new key at the end |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        b.Append(rows);
        b.AppendLine();
        b.AppendLine(finding);
        return b.ToString();
    }
}
