using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using SecureCloudinary.Internal;
using SecureCloudinary.Models;
using SecureCloudinary.Tests.Client;

namespace SecureCloudinary.Tests.Lifecycle;

/// <summary>
/// Drives every lifecycle path (first load, same-version refresh, rotation, 401-forced refresh and retry, outage,
/// MaxStaleness exceeded, recovery, cancellation, concurrent callers, health) with secrets that carry a sentinel,
/// and asserts the sentinel appears in no log record, metric tag, activity tag, health result or exception text.
/// </summary>
public sealed class LifecycleNoSecretLeakTests
{
    private const string Sentinel = LifecycleKit.Sentinel;

    [Fact]
    public async Task EveryLifecyclePath_LeavesNoSentinelInAnyOutput()
    {
        using var recorder = new ActivityRecorder();
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MaxStaleness = TimeSpan.FromHours(1) });
        var collectors = new IDisposable[]
        {
            new MetricCollector<long>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.refreshes"),
            new MetricCollector<double>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.refresh.duration"),
            new MetricCollector<long>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.forced_refreshes"),
            new MetricCollector<double>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.age"),
        };
        var texts = new List<string?>();
        var clientLog = new FakeLogger<CloudinaryClient>(kit.Logger.Collector);
        var old = LifecycleKit.Snap(1);
        using var handler = new StubHttpHandler(r =>
            r.Fields.GetValueOrDefault("api_key") == old.Credentials.ApiKey
                ? StubHttpHandler.Json(HttpStatusCode.Unauthorized, $$$"""{"error":{"message":"Invalid Signature, secret {{{Sentinel}}}"}}""")
                : StubHttpHandler.Json(HttpStatusCode.OK, """{"public_id":"a","version":1}"""));
        using var http = new HttpClient(handler);
        var client = new CloudinaryClient(http, kit.Provider, null, kit.Time, clientLog);

        // Concurrent first callers, one of them cancelled.
        kit.Source.Hold = true;
        using (var cts = new CancellationTokenSource())
        {
            var cancelled = kit.Provider.GetSnapshotAsync(cts.Token).AsTask();
            var callers = Enumerable.Range(0, 50).Select(_ => kit.Provider.GetSnapshotAsync(LifecycleKit.Ct).AsTask()).ToArray();
            await kit.Source.Entered.Task.WaitAsync(LifecycleKit.Ct);
            await cts.CancelAsync();
            texts.Add((await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled)).ToString());
            kit.Source.Release();
            await Task.WhenAll(callers);
        }

        texts.Add(Describe(await HealthAsync(kit)));
        kit.Time.Advance(TimeSpan.FromMinutes(5));                             // same version
        kit.Source.Next = LifecycleKit.Snap(2);
        await client.UploadAsync(UploadRequest.FromDataUri("data:,x"), LifecycleKit.Ct); // 401 → forced refresh → retry
        kit.Source.Next = LifecycleKit.Snap(3);
        kit.Time.Advance(TimeSpan.FromMinutes(5));                             // scheduled rotation
        kit.Source.Failure = LifecycleKit.StoreDown();
        kit.Time.Advance(TimeSpan.FromMinutes(5));                             // outage: stale
        texts.Add(Describe(await HealthAsync(kit)));
        kit.Time.Advance(TimeSpan.FromHours(1));                               // beyond MaxStaleness
        texts.Add((await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync())).ToString());
        texts.Add(Describe(await HealthAsync(kit)));
        texts.Add((await Assert.ThrowsAsync<CloudinaryCredentialException>(() => client.PingAsync(LifecycleKit.Ct))).ToString());
        kit.Source.Failure = null;
        kit.Time.Advance(SecureCloudinary.Internal.RetryBackoff.DefaultCap);  // the remembered failure's retry is due
        var recovered = await kit.LoadAsync();                                 // recovery
        texts.Add(recovered.ToString());
        kit.Source.Failure = new CloudinaryCredentialException("Scripted", CredentialFailureReason.InvalidSecret, "The secret is not usable.");
        // The forced refresh fails; v3 was never accepted by Cloudinary, so the previous snapshot (v2) is offered.
        Assert.Equal("v2", (await kit.Provider.ForceRefreshAsync(recovered, LifecycleKit.Ct)).Version);
        ((MetricCollector<double>)collectors[3]).RecordObservableInstruments();

        Assert.Equal(Sentinel + "-3", recovered.Credentials.ApiSecret);
        var records = kit.Logger.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 1003);
        Assert.Contains(records, r => r.Id.Id == 1004);
        Assert.Contains(records, r => r.Id.Id == 1001);
        Assert.Contains(records, r => r.Id.Id == 1006);
        Assert.Contains(records, r => r.Id.Id == 1407);
        foreach (var record in records)
        {
            texts.Add(record.Message);
            texts.Add(record.Exception?.ToString());
            texts.AddRange((record.StructuredState ?? []).Select(p => p.Value));
        }

        foreach (var tags in MetricTags(collectors))
        {
            texts.AddRange(tags.Select(t => t.Key + "=" + t.Value));
        }

        Assert.NotEmpty(recorder.Stopped);
        foreach (var activity in recorder.Stopped)
        {
            texts.Add(activity.DisplayName + " " + activity.StatusDescription);
            texts.AddRange(activity.TagObjects.Select(t => t.Key + "=" + t.Value));
            texts.AddRange(activity.Events.Select(e => e.Name));
        }

        Assert.All(texts, t => Assert.DoesNotContain(Sentinel, t ?? string.Empty, StringComparison.OrdinalIgnoreCase));
        foreach (var c in collectors)
        {
            c.Dispose();
        }
    }

    private static async Task<HealthCheckResult> HealthAsync(LifecycleKit kit)
    {
        var check = new CloudinaryCredentialsHealthCheck(kit.Provider);
        return await check.CheckHealthAsync(
            new HealthCheckContext { Registration = new HealthCheckRegistration("c", check, null, null) }, LifecycleKit.Ct);
    }

    private static string Describe(HealthCheckResult result) =>
        result.Status + " " + result.Description + " " + result.Exception + " "
        + string.Join(",", result.Data.Select(d => d.Key + "=" + d.Value));

    private static IEnumerable<IReadOnlyDictionary<string, object?>> MetricTags(IDisposable[] collectors)
    {
        foreach (var collector in collectors)
        {
            switch (collector)
            {
                case MetricCollector<long> longs:
                    Assert.NotEmpty(longs.GetMeasurementSnapshot());
                    foreach (var m in longs.GetMeasurementSnapshot())
                    {
                        yield return m.Tags;
                    }

                    break;
                case MetricCollector<double> doubles:
                    Assert.NotEmpty(doubles.GetMeasurementSnapshot());
                    foreach (var m in doubles.GetMeasurementSnapshot())
                    {
                        yield return m.Tags;
                    }

                    break;
            }
        }
    }
}
