using System.Globalization;
using System.Text;
using SecureCloudinary.Reliability;

namespace SecureCloudinary.Stress.Tests.Soak;

public sealed class SoakTests
{
    [Fact]
    public async Task Soak_RotationsAndStoreFaults_NoAvoidableFailuresNoTornPairsNoLeaks()
    {
        var seed = SoakRun.ChooseSeed();
        TestContext.Current.TestOutputHelper?.WriteLine($"Soak seed {seed} (repeat the schedule with {SoakRun.SeedVariable}={seed}).");
        var result = await SoakRun.RunAsync(seed, TestContext.Current.CancellationToken);
        var report = Describe(result);
        ReliabilityDocs.Report("soak", report);

        // Events the run forces (the first rotation disables the old key at once on a healthy store; the first fault
        // window stays open until a read met it), so these hold on a starved machine too.
        Assert.True(result.Calls > 200, $"only {result.Calls} calls (seed {seed})");
        Assert.True(result.Rotations >= 5, $"only {result.Rotations} rotations");
        Assert.True(result.FaultedStoreReads > 0, "no store read met a fault");
        Assert.True(result.DisabledKeyRejections > 0, "no call met a disabled key: forced refreshes were not exercised");
        Assert.True(result.RotatedRetries > 0, "no call was repeated with rotated credentials");
        Assert.True(result.SnapshotsChecked >= result.Calls, "the torn-pair detector did not see every call");
        Assert.True(result.UnexplainedFailures == 0, $"{result.UnexplainedFailures} failed calls (seed {seed}): {string.Join(" | ", result.UnexplainedSamples)}");
        Assert.True(
            result.FaultExplainedFailures <= result.ExcusedBound,
            $"{result.FaultExplainedFailures} excused failures, more than {result.ExcusedBound} (1.5 x the call rate over the {result.ExcusableTime.TotalSeconds:0.0} s from a key's disabling to the first fault-free store read after its successor was published, + 1 per worker; seed {seed})");
        Assert.Equal(0, result.TornPairs);
        Assert.Equal(0, result.WrongSecretRejections);
        Assert.True(result.Leaks.Count == 0, "secret in output: " + string.Join(" | ", result.Leaks.Take(3)));

        ReliabilityDocs.RegenerateIfRequested("soak", report);
    }

    private static string Describe(SoakResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("## Soak with rotations");
        b.AppendLine();
        b.AppendLine(c, $"Seed {r.Seed} (`{SoakRun.SeedVariable}` repeats the fault schedule, slow store reads and secrets; thread timing is not repeatable). {r.Workers} concurrent workers call the loopback Cloudinary emulator through the DI-built `CloudinaryClient` for {r.Duration.TotalSeconds:0} s (two uploads of a small payload, then one ping, in turn). Credentials come from the `Configuration` source over an in-memory store; every {SoakRun.RotationPeriod.TotalSeconds:0} s a new key is added at Cloudinary and written to the store in one reload, and the old key is disabled {SoakRun.Grace.TotalMilliseconds:0} ms later (at once for the first rotation, before any store fault; shorter than the {SoakRun.RefreshInterval.TotalSeconds:0} s `RefreshInterval`, so some calls meet the disabled key and force a refresh; `MinimumForcedRefreshInterval` {SoakRun.MinimumForcedRefreshInterval.TotalMilliseconds:0} ms). From 1 s after the first rotation, every 1–2.5 s the store fails for 250–1,000 ms (the first window until a store read has met it): reads throw, the keys vanish, or a malformed URL appears. A failed call is excused only when Cloudinary rejected the disabled key it used and the refresh that 401 forced handed back a disabled key after the store's latest read met a fault (tracked per call); the excused count must stay within 1.5× the mean call rate over the time from each key's disabling to the first store read after the new key's publication that met no fault (+ 250 ms each, + 1 per worker). Secrets and the malformed URL carry a sentinel searched for in every log record (message, state, exception), metric tag, span (name, status, tags, events) and caught exception.");
        b.AppendLine();
        b.AppendLine("| Figure | Value | Target |");
        b.AppendLine("|---|---:|---|");
        b.AppendLine(c, $"| Calls made (uploads / pings) | {r.Calls:N0} ({r.Uploads:N0} / {r.Pings:N0}) | |");
        b.AppendLine(c, $"| Calls failed that could have succeeded | {r.UnexplainedFailures:N0} | 0 |");
        b.AppendLine(c, $"| Calls failed for a disabled key whose forced refresh met a store fault (excused) | {r.FaultExplainedFailures:N0} | ≤ {r.ExcusedBound:N0} (1.5× the call rate over {r.ExcusableTime.TotalSeconds:0.0} s between a key's disabling and the first fault-free store read after its successor was published) |");
        b.AppendLine(c, $"| Key rotations | {r.Rotations:N0} | |");
        b.AppendLine(c, $"| Store fault windows (store reads / reads that met a fault) | {r.FaultWindows:N0} ({r.StoreReads:N0} / {r.FaultedStoreReads:N0}) | |");
        b.AppendLine(c, $"| Failed refreshes served stale (events 1004/1001) | {r.RefreshesFailed:N0} | |");
        b.AppendLine(c, $"| Requests rejected for a disabled key / refreshes forced / calls repeated with the new key | {r.DisabledKeyRejections:N0} / {r.ForcedRefreshes:N0} / {r.RotatedRetries:N0} | |");
        b.AppendLine(c, $"| Torn credential pairs (snapshots checked) | {r.TornPairs:N0} ({r.SnapshotsChecked:N0}) | 0 |");
        b.AppendLine(c, $"| Requests rejected for a wrong secret | {r.WrongSecretRejections:N0} | 0 |");
        b.AppendLine(c, $"| Sentinel occurrences (in {r.LogRecords:N0} log records, {r.MetricMeasurements:N0} measurements, {r.Spans:N0} spans, {r.Exceptions:N0} exceptions) | {r.Leaks.Count:N0} | 0 |");
        return b.ToString();
    }
}
