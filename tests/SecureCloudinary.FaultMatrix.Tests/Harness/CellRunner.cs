using System.Diagnostics;
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
        await RunPhaseAsync(fixture, create, fault, warm: false, ct);
        await RunPhaseAsync(fixture, create, fault, warm: true, ct);
        fixture.Passed(create().Source, fault);
    }

    private static async Task RunPhaseAsync(
        MatrixFixture fixture, Func<SourceRig> create, MatrixFault fault, bool warm, CancellationToken ct)
    {
        var cloudinary = fixture.Cloudinary;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rig = create();
        await rig.StartAsync(time, ct);
        var keyA = cloudinary.AddApiKey();
        var secrets = new List<string> { keyA.ApiSecret };
        var expected = MatrixExpectations.For(rig.Source, fault, warm);
        PhaseExpectation observed;
        if (fault == MatrixFault.CloudinaryKeyRotated)
        {
            var keyB = cloudinary.AddApiKey();
            secrets.Add(keyB.ApiSecret);
            observed = warm
                ? await WarmRotationAsync(rig, fault, keyA, keyB, cloudinary, time, secrets, ct)
                : await ColdRotationAsync(rig, fault, keyA, keyB, cloudinary, time, secrets, ct);
        }
        else
        {
            observed = warm
                ? await WarmAsync(rig, fault, keyA, cloudinary, time, secrets, ct)
                : await ColdAsync(rig, fault, keyA, cloudinary, time, secrets, ct);
        }

        var phase = warm ? "warm" : "cold";
        TestContext.Current.TestOutputHelper?.WriteLine($"{rig.Source} / {fault} / {phase}: {observed}");
        Assert.True(expected == observed, $"{rig.Source} / {fault} / {phase}: pinned {expected}, observed {observed}");
    }

    private static async Task<PhaseExpectation> ColdAsync(
        SourceRig rig, MatrixFault fault, CloudinaryCredentials keyA, Testing.CloudinaryEmulator cloudinary, FakeTimeProvider time, List<string> secrets, CancellationToken ct)
    {
        rig.Write(keyA);
        rig.Inject(fault, warm: false);
        await using var host = MatrixHost.Build(rig, fault, cloudinary.BaseAddress, time);
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
        PhaseExpectation observed;
        if (error is CloudinaryCredentialException typed)
        {
            Assert.Contains(rig.SettingPrefix, typed.Message, StringComparison.Ordinal);
            Assert.Equal(rig.Source, typed.SourceName);
            Assert.Equal(HealthStatus.Unhealthy, health.Status);
            observed = PhaseExpectation.Error(typed.Reason, typed.IsTransient, Setting(typed.Message, rig.SettingPrefix));
        }
        else if (error is not null)
        {
            Assert.Fail($"{rig.Source} / {fault} / cold: untyped {error.GetType().Name}: {error}");
            throw new UnreachableException();
        }
        else
        {
            Assert.Equal(keyA.ApiKey, snapshot!.Credentials.ApiKey);
            Assert.Equal(HealthStatus.Healthy, health.Status);
            observed = PhaseExpectation.Absorbed;
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
        Assert.Equal(keyA.ApiKey, recovered.Credentials.ApiKey);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        await AssertPingAsync(host, cloudinary, keyA, ct);
        AssertNoLeak(rig, fault, "cold", host, secrets, error, health, after);
        return observed;
    }

    private static async Task<PhaseExpectation> WarmAsync(
        SourceRig rig, MatrixFault fault, CloudinaryCredentials keyA, Testing.CloudinaryEmulator cloudinary, FakeTimeProvider time, List<string> secrets, CancellationToken ct)
    {
        rig.Write(keyA);
        await using var host = MatrixHost.Build(rig, fault, cloudinary.BaseAddress, time);
        var loaded = await host.Provider.GetSnapshotAsync(ct).AsTask().WaitAsync(MatrixTimeouts.Hang, ct);
        Assert.Equal(keyA.ApiKey, loaded.Credentials.ApiKey);
        Assert.Equal(HealthStatus.Healthy, (await host.CheckAsync(ct)).Status);

        rig.Inject(fault, warm: true);
        time.Advance((MatrixHost.RefreshInterval * 1.1) + TimeSpan.FromSeconds(1));
        var thrown = await AwaitRefreshAsync(host, rig, fault, ct);
        var served = await host.Provider.GetSnapshotAsync(ct).AsTask().WaitAsync(MatrixTimeouts.Hang, ct);
        var health = await host.CheckAsync(ct);
        Assert.Equal(keyA.ApiKey, served.Credentials.ApiKey);
        PhaseExpectation observed;
        if (host.Cache.GetHealthState().LastFailure is { } failure)
        {
            Assert.Equal(HealthStatus.Degraded, health.Status);
            Assert.Equal(failure.Reason.ToString(), health.Data["lastFailureReason"]);
            Assert.True(thrown is null || (thrown.Reason, thrown.IsTransient) == (failure.Reason, failure.IsTransient));
            observed = PhaseExpectation.Stale(failure.Reason, failure.IsTransient);
        }
        else
        {
            Assert.Equal(HealthStatus.Healthy, health.Status);
            observed = PhaseExpectation.Absorbed;
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

        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.True(waited <= MatrixExpectations.WarmRecoveryBound(observed), $"{rig.Source} / {fault} / warm: recovered only after {waited} of simulated time");
        Assert.Equal(keyA.ApiKey, (await host.Provider.GetSnapshotAsync(ct)).Credentials.ApiKey);
        await AssertPingAsync(host, cloudinary, keyA, ct);
        AssertNoLeak(rig, fault, "warm", host, secrets, null, health, after);
        return observed;
    }

    private static async Task<PhaseExpectation> ColdRotationAsync(
        SourceRig rig, MatrixFault fault, CloudinaryCredentials keyA, CloudinaryCredentials keyB, Testing.CloudinaryEmulator cloudinary,
        FakeTimeProvider time, List<string> secrets, CancellationToken ct)
    {
        rig.Write(keyB);
        cloudinary.DisableApiKey(keyA.ApiKey);
        await using var host = MatrixHost.Build(rig, fault, cloudinary.BaseAddress, time);
        var snapshot = await host.Provider.GetSnapshotAsync(ct).AsTask().WaitAsync(MatrixTimeouts.Hang, ct);
        await AssertPingAsync(host, cloudinary, keyB, ct);
        var health = await host.CheckAsync(ct);
        Assert.Equal(keyB.ApiKey, snapshot.Credentials.ApiKey);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        AssertNoLeak(rig, fault, "cold", host, secrets, null, health);
        return PhaseExpectation.Absorbed;
    }

    private static async Task<PhaseExpectation> WarmRotationAsync(
        SourceRig rig, MatrixFault fault, CloudinaryCredentials keyA, CloudinaryCredentials keyB, Testing.CloudinaryEmulator cloudinary,
        FakeTimeProvider time, List<string> secrets, CancellationToken ct)
    {
        rig.Write(keyA);
        await using var host = MatrixHost.Build(rig, fault, cloudinary.BaseAddress, time);
        await AssertPingAsync(host, cloudinary, keyA, ct);
        var rejectedBefore = Rejections(cloudinary, keyA);

        rig.Write(keyB);
        cloudinary.DisableApiKey(keyA.ApiKey);
        await AssertPingAsync(host, cloudinary, keyB, ct);
        var snapshot = await host.Provider.GetSnapshotAsync(ct);
        var health = await host.CheckAsync(ct);
        Assert.Equal(keyB.ApiKey, snapshot.Credentials.ApiKey);
        Assert.Equal(rejectedBefore + 1, Rejections(cloudinary, keyA)); // one 401 with key A, then the retry with key B
        Assert.Equal(HealthStatus.Healthy, health.Status);
        AssertNoLeak(rig, fault, "warm", host, secrets, null, health);
        return PhaseExpectation.Absorbed;
    }

    private static int Rejections(Testing.CloudinaryEmulator cloudinary, CloudinaryCredentials key) =>
        cloudinary.Requests.Count(r => r.StatusCode == 401 && r.ApiKey == key.ApiKey);

    /// <summary>Pings the Cloudinary emulator: the ping must succeed, and the emulator must have accepted it with <paramref name="key"/>.</summary>
    private static async Task AssertPingAsync(MatrixHost host, Testing.CloudinaryEmulator cloudinary, CloudinaryCredentials key, CancellationToken ct)
    {
        var accepted = Accepted(cloudinary, key);
        var ping = await host.Client.PingAsync(ct).WaitAsync(MatrixTimeouts.Hang, ct);
        Assert.Equal("ok", ping.Status);
        Assert.Equal(accepted + 1, Accepted(cloudinary, key));
    }

    private static int Accepted(Testing.CloudinaryEmulator cloudinary, CloudinaryCredentials key) =>
        cloudinary.Requests.Count(r => r.StatusCode == 200 && r.ApiKey == key.ApiKey);

    /// <summary>Waits for the refresh a timer started; returns how it failed, or null when it succeeded or none ran.</summary>
    private static async Task<CloudinaryCredentialException?> AwaitRefreshAsync(MatrixHost host, SourceRig rig, MatrixFault fault, CancellationToken ct)
    {
        try
        {
            return await host.AwaitPendingRefreshAsync(ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{rig.Source} / {fault} / warm: the refresh hung for {MatrixTimeouts.Hang.TotalSeconds} s.");
            throw new UnreachableException();
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
