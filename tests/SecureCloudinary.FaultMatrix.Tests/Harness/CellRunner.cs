using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.FaultMatrix.Tests.Rigs;

namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>Runs the cold and warm phases of one cell, asserts the documented outcomes and records the row.</summary>
internal static partial class CellRunner
{
    public static async Task RunAsync(MatrixFixture fixture, Func<SourceRig> create, MatrixFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        var cold = await RunPhaseAsync(fixture, create, fault, warm: false, ct);
        var warm = await RunPhaseAsync(fixture, create, fault, warm: true, ct);
        var rig = create();
        fixture.Record(new MatrixRow(rig.Source, fault, rig.Describe(fault, warm: false), cold, warm));
    }

    private static async Task<PhaseResult> RunPhaseAsync(
        MatrixFixture fixture, Func<SourceRig> create, MatrixFault fault, bool warm, CancellationToken ct)
    {
        var cloudinary = fixture.Cloudinary;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rig = create();
        await rig.StartAsync(time, ct);
        var keyA = cloudinary.AddApiKey();
        var secrets = new List<string> { keyA.ApiSecret };
        var expected = rig.Expected(fault, warm);
        PhaseResult result;
        if (fault == MatrixFault.CloudinaryKeyRotated)
        {
            var keyB = cloudinary.AddApiKey();
            secrets.Add(keyB.ApiSecret);
            result = warm
                ? await WarmRotationAsync(rig, fault, keyA, keyB, cloudinary, time, secrets, ct)
                : await ColdRotationAsync(rig, fault, keyA, keyB, cloudinary, time, secrets, ct);
        }
        else
        {
            result = warm
                ? await WarmAsync(rig, fault, keyA, cloudinary.BaseAddress, time, secrets, ct)
                : await ColdAsync(rig, fault, keyA, cloudinary.BaseAddress, time, secrets, ct);
        }

        Assert.True(expected == result.Outcome, $"{rig.Source} / {fault} / {(warm ? "warm" : "cold")}: expected {expected}, observed {result.Text}");
        return result;
    }

    private static async Task<PhaseResult> ColdAsync(
        SourceRig rig, MatrixFault fault, CloudinaryCredentials keyA, Uri cloudinary, FakeTimeProvider time, List<string> secrets, CancellationToken ct)
    {
        rig.Write(keyA);
        rig.Inject(fault, warm: false);
        await using var host = MatrixHost.Build(rig, fault, cloudinary, time);
        Exception? error = null;
        CredentialSnapshot? snapshot = null;
        try
        {
            snapshot = await host.Provider.GetSnapshotAsync(ct).AsTask().WaitAsync(MatrixTimeouts.Hang, ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{rig.Source} / {fault} / cold: the first read hung for {MatrixTimeouts.Hang.TotalSeconds} s.");
        }
        catch (Exception e)
        {
            error = e;
        }

        var health = await host.CheckAsync(ct);
        string text;
        Outcome outcome;
        if (error is CloudinaryCredentialException typed)
        {
            Assert.Contains(rig.SettingPrefix, typed.Message, StringComparison.Ordinal);
            Assert.Equal(rig.Source, typed.SourceName);
            Assert.Equal(HealthStatus.Unhealthy, health.Status);
            outcome = Outcome.TypedError;
            text = $"`{typed.Reason}`{(typed.IsTransient ? " (transient)" : string.Empty)}, names `{Setting(typed.Message, rig.SettingPrefix)}`; {health.Status}";
        }
        else if (error is not null)
        {
            outcome = Outcome.NotApplicable;
            text = $"untyped {error.GetType().Name}";
            Assert.Fail($"{rig.Source} / {fault} / cold: {text}: {error}");
        }
        else
        {
            Assert.Equal(keyA.ApiKey, snapshot!.Credentials.ApiKey);
            outcome = health.Status == HealthStatus.Healthy ? Outcome.Absorbed : Outcome.NotApplicable;
            text = $"absorbed: key A loaded; {health.Status}";
        }

        rig.Clear(fault, warm: false);
        if (error is not null)
        {
            // A failed read is remembered for its backoff (≤ 1 s when transient, ≤ 10 s otherwise): callers inside it
            // get the failure without a new read, so the store is not hammered.
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var recovered = await host.Provider.GetSnapshotAsync(ct).AsTask().WaitAsync(MatrixTimeouts.Hang, ct);
        var after = await host.CheckAsync(ct);
        var ping = await host.Client.PingAsync(ct).WaitAsync(MatrixTimeouts.Hang, ct);
        Assert.Equal(keyA.ApiKey, recovered.Credentials.ApiKey);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.NotNull(ping);
        AssertNoLeak(rig, fault, "cold", host, secrets, error, health, after);
        return new PhaseResult(outcome, text, outcome == Outcome.Absorbed ? "no outage" : "first call after the backoff loads; Healthy");
    }

    private static async Task<PhaseResult> WarmAsync(
        SourceRig rig, MatrixFault fault, CloudinaryCredentials keyA, Uri cloudinary, FakeTimeProvider time, List<string> secrets, CancellationToken ct)
    {
        rig.Write(keyA);
        await using var host = MatrixHost.Build(rig, fault, cloudinary, time);
        var loaded = await host.Provider.GetSnapshotAsync(ct).AsTask().WaitAsync(MatrixTimeouts.Hang, ct);
        Assert.Equal(keyA.ApiKey, loaded.Credentials.ApiKey);
        Assert.Equal(HealthStatus.Healthy, (await host.CheckAsync(ct)).Status);

        rig.Inject(fault, warm: true);
        time.Advance((MatrixHost.RefreshInterval * 1.1) + TimeSpan.FromSeconds(1));
        await AwaitRefreshAsync(host, rig, fault, ct);
        var served = await host.Provider.GetSnapshotAsync(ct).AsTask().WaitAsync(MatrixTimeouts.Hang, ct);
        var health = await host.CheckAsync(ct);
        Assert.Equal(keyA.ApiKey, served.Credentials.ApiKey);
        Outcome outcome;
        string text;
        if (health.Status == HealthStatus.Degraded)
        {
            outcome = Outcome.StaleDegraded;
            var reason = health.Data.TryGetValue("lastFailureReason", out var r) ? r : "?";
            text = $"stale key A served; Degraded (`{reason}`)";
        }
        else if (health.Status == HealthStatus.Healthy)
        {
            outcome = Outcome.Absorbed;
            text = "absorbed: fresh read; Healthy";
        }
        else
        {
            outcome = Outcome.NotApplicable;
            text = $"{health.Status}: {health.Description}";
        }

        rig.Clear(fault, warm: true);
        var waited = TimeSpan.Zero;
        var after = health;
        for (var i = 0; i < 400 && after.Status != HealthStatus.Healthy; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
            await AwaitRefreshAsync(host, rig, fault, ct);
            after = await host.CheckAsync(ct);
        }

        var ping = await host.Client.PingAsync(ct).WaitAsync(MatrixTimeouts.Hang, ct);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal(keyA.ApiKey, (await host.Provider.GetSnapshotAsync(ct)).Credentials.ApiKey);
        Assert.NotNull(ping);
        AssertNoLeak(rig, fault, "warm", host, secrets, null, health, after);
        // The documented bound, not the jittered wait, so the table does not change from run to run.
        var bound = waited <= TimeSpan.FromSeconds(1) ? 1 : 10;
        Assert.True(waited <= TimeSpan.FromSeconds(bound), $"{rig.Source} / {fault} / warm: recovered after {waited}");
        var recovery = outcome == Outcome.Absorbed
            ? "no outage"
            : string.Create(CultureInfo.InvariantCulture, $"backoff retry ≤ {bound} s later; Healthy");
        return new PhaseResult(outcome, text, recovery);
    }

    private static async Task<PhaseResult> ColdRotationAsync(
        SourceRig rig, MatrixFault fault, CloudinaryCredentials keyA, CloudinaryCredentials keyB, Testing.CloudinaryEmulator cloudinary,
        FakeTimeProvider time, List<string> secrets, CancellationToken ct)
    {
        rig.Write(keyB);
        cloudinary.DisableApiKey(keyA.ApiKey);
        await using var host = MatrixHost.Build(rig, fault, cloudinary.BaseAddress, time);
        var snapshot = await host.Provider.GetSnapshotAsync(ct).AsTask().WaitAsync(MatrixTimeouts.Hang, ct);
        var ping = await host.Client.PingAsync(ct).WaitAsync(MatrixTimeouts.Hang, ct);
        var health = await host.CheckAsync(ct);
        Assert.Equal(keyB.ApiKey, snapshot.Credentials.ApiKey);
        Assert.NotNull(ping);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        AssertNoLeak(rig, fault, "cold", host, secrets, null, health);
        return new PhaseResult(Outcome.Absorbed, "absorbed: key B loaded, calls succeed; Healthy", "no outage");
    }

    private static async Task<PhaseResult> WarmRotationAsync(
        SourceRig rig, MatrixFault fault, CloudinaryCredentials keyA, CloudinaryCredentials keyB, Testing.CloudinaryEmulator cloudinary,
        FakeTimeProvider time, List<string> secrets, CancellationToken ct)
    {
        rig.Write(keyA);
        await using var host = MatrixHost.Build(rig, fault, cloudinary.BaseAddress, time);
        await host.Client.PingAsync(ct).WaitAsync(MatrixTimeouts.Hang, ct);

        rig.Write(keyB);
        cloudinary.DisableApiKey(keyA.ApiKey);
        var ping = await host.Client.PingAsync(ct).WaitAsync(MatrixTimeouts.Hang, ct);
        var snapshot = await host.Provider.GetSnapshotAsync(ct);
        var health = await host.CheckAsync(ct);
        Assert.NotNull(ping);
        Assert.Equal(keyB.ApiKey, snapshot.Credentials.ApiKey);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        AssertNoLeak(rig, fault, "warm", host, secrets, null, health);
        return new PhaseResult(Outcome.Absorbed, "absorbed: 401 → forced refresh → key B, call retried once; Healthy", "no outage");
    }

    private static async Task AwaitRefreshAsync(MatrixHost host, SourceRig rig, MatrixFault fault, CancellationToken ct)
    {
        try
        {
            await host.AwaitPendingRefreshAsync(ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{rig.Source} / {fault} / warm: the refresh hung for {MatrixTimeouts.Hang.TotalSeconds} s.");
        }
    }

    private static void AssertNoLeak(
        SourceRig rig, MatrixFault fault, string phase, MatrixHost host, List<string> secrets, Exception? error, params HealthReportEntry[] health)
    {
        var texts = new List<string>();
        foreach (var record in host.Logs.GetSnapshot())
        {
            texts.Add(record.Message);
            texts.Add(record.Exception?.ToString() ?? string.Empty);
            texts.AddRange(record.StructuredState?.Select(p => p.Value ?? string.Empty) ?? []);
        }

        texts.Add(error?.ToString() ?? string.Empty);
        foreach (var entry in health)
        {
            texts.Add(entry.Description ?? string.Empty);
            texts.AddRange(entry.Data.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty));
        }

        foreach (var secret in secrets.Concat(rig.StoreSecrets))
        {
            Assert.False(texts.Any(t => t.Contains(secret, StringComparison.Ordinal)), $"{rig.Source} / {fault} / {phase}: a secret reached the output.");
        }
    }

    private static string Setting(string message, string prefix)
    {
        var match = SettingPattern().Matches(message).FirstOrDefault(m => m.Value.StartsWith(prefix, StringComparison.Ordinal));
        return match?.Value.TrimEnd(':', '.') ?? prefix;
    }

    [GeneratedRegex(@"(Cloudinary:[A-Za-z:]+|CLOUDINARY_[A-Z_]+)")]
    private static partial Regex SettingPattern();
}
