using System.Globalization;
using System.Text;

namespace SecureCloudinary.Stress.Tests.Soak;

public sealed class SoakTests
{
    [Fact]
    public async Task Soak_RotationsAndStoreFaults_NoAvoidableFailuresNoTornPairsNoLeaks()
    {
        var result = await SoakRun.RunAsync(TestContext.Current.CancellationToken);
        ReliabilityReport.Write("soak", Describe(result));

        Assert.True(result.Calls > 1_000, $"only {result.Calls} calls");
        Assert.True(result.Rotations >= 5, $"only {result.Rotations} rotations");
        Assert.True(result.FaultedStoreReads > 0, "no store read met a fault");
        Assert.True(result.DisabledKeyRejections > 0, "no call met a disabled key: forced refreshes were not exercised");
        Assert.True(result.RotatedRetries > 0, "no call was repeated with rotated credentials");
        Assert.True(result.SnapshotsChecked >= result.Calls, "the torn-pair detector did not see every call");
        Assert.True(result.UnexplainedFailures == 0, $"{result.UnexplainedFailures} failed calls: {string.Join(" | ", result.UnexplainedSamples)}");
        Assert.Equal(0, result.TornPairs);
        Assert.Equal(0, result.WrongSecretRejections);
        Assert.True(result.Leaks.Count == 0, "secret in output: " + string.Join(" | ", result.Leaks.Take(3)));
    }

    private static string Describe(SoakResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("## Soak with rotations");
        b.AppendLine();
        b.AppendLine(c, $"{r.Workers} concurrent workers call the loopback Cloudinary emulator through the DI-built `CloudinaryClient` for {r.Duration.TotalSeconds:0} s (two uploads of a small payload, then one ping, in turn). Credentials come from the `Configuration` source over an in-memory store; every {SoakRun.RotationPeriod.TotalSeconds:0} s a new key is added at Cloudinary and written to the store in one reload, and the old key is disabled {SoakRun.Grace.TotalMilliseconds:0} ms later (shorter than the {SoakRun.RefreshInterval.TotalSeconds:0} s `RefreshInterval`, so some calls meet the disabled key and force a refresh; `MinimumForcedRefreshInterval` {SoakRun.MinimumForcedRefreshInterval.TotalMilliseconds:0} ms). Every 1–2.5 s the store fails for 250–1,000 ms: reads throw, the keys vanish, or a malformed URL appears. Secrets and the malformed URL carry a sentinel searched for in every log record (message, state, exception), metric tag, span (name, status, tags, events) and caught exception.");
        b.AppendLine();
        b.AppendLine("| Figure | Value | Target |");
        b.AppendLine("|---|---:|---|");
        b.AppendLine(c, $"| Calls made (uploads / pings) | {r.Calls:N0} ({r.Uploads:N0} / {r.Pings:N0}) | |");
        b.AppendLine(c, $"| Calls failed that could have succeeded | {r.UnexplainedFailures:N0} | 0 |");
        b.AppendLine(c, $"| Calls failed while the old key was disabled and the store was failing | {r.FaultExplainedFailures:N0} | (expected) |");
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
