using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SecureCloudinary.Tests.Client;

namespace SecureCloudinary.Tests.Lifecycle;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_RefreshOutcomes_AreCountedWithSourceAndOutcomeTags()
    {
        using var kit = new LifecycleKit();
        using var refreshes = new MetricCollector<long>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.refreshes");
        using var duration = new MetricCollector<double>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.refresh.duration");
        using var forced = new MetricCollector<long>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.forced_refreshes");

        var first = await kit.LoadAsync();                                   // success
        kit.Time.Advance(TimeSpan.FromMinutes(5));                           // success (same version)
        kit.Source.Next = LifecycleKit.Snap(2);
        await kit.Provider.ForceRefreshAsync(first, LifecycleKit.Ct);         // rotated
        kit.Source.Failure = LifecycleKit.StoreDown();
        kit.Time.Advance(TimeSpan.FromMinutes(5));                           // failed

        var outcomes = refreshes.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!).ToArray();
        Assert.Equal(["success", "success", "rotated", "failed"], outcomes);
        Assert.All(refreshes.GetMeasurementSnapshot(), m => Assert.Equal("Scripted", m.Tags["source"]));
        Assert.Equal(4, duration.GetMeasurementSnapshot().Count);
        Assert.Equal("s", duration.Instrument!.Unit);
        Assert.Equal(1, Assert.Single(forced.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task Metrics_AgeGauge_ReportsSecondsSinceTheLastSuccessfulRead()
    {
        using var kit = new LifecycleKit();
        using var age = new MetricCollector<double>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.age");
        age.RecordObservableInstruments();
        Assert.Empty(age.GetMeasurementSnapshot());

        await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();
        kit.Time.Advance(TimeSpan.FromMinutes(7));
        age.RecordObservableInstruments();

        var measurement = Assert.Single(age.GetMeasurementSnapshot());
        Assert.Equal(420, measurement.Value, 3);
        Assert.Equal("s", age.Instrument!.Unit);
    }

    [Fact]
    public async Task Activities_RefreshAndCloudinaryCall_AreTracedWithSafeTags()
    {
        using var recorder = new ActivityRecorder();
        using var kit = new LifecycleKit();
        using var client = new ClientTestKit(credentials: LifecycleKit.Snap(1).Credentials);
        await kit.LoadAsync();
        await client.Client.PingAsync(LifecycleKit.Ct);

        var refresh = Assert.Single(recorder.Stopped, a => a.OperationName == "securecloudinary.refresh");
        Assert.Equal("Scripted", refresh.GetTagItem("securecloudinary.source"));
        Assert.Equal("load", refresh.GetTagItem("securecloudinary.trigger"));
        Assert.Equal("success", refresh.GetTagItem("securecloudinary.outcome"));
        var ping = Assert.Single(recorder.Stopped, a => a.OperationName == "cloudinary.ping");
        Assert.Equal(ActivityKind.Client, ping.Kind);
        Assert.Equal(200, ping.GetTagItem("http.response.status_code"));
        Assert.Equal("demo", ping.GetTagItem("cloudinary.cloud_name"));
    }

    [Fact]
    public async Task Activities_FailedRefresh_HasErrorStatusAndReason()
    {
        using var recorder = new ActivityRecorder();
        using var kit = new LifecycleKit();
        kit.Source.Failure = LifecycleKit.StoreDown();
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());

        var refresh = Assert.Single(recorder.Stopped, a => a.OperationName == "securecloudinary.refresh");
        Assert.Equal(ActivityStatusCode.Error, refresh.Status);
        Assert.Equal("Unavailable", refresh.GetTagItem("securecloudinary.failure_reason"));
    }
}
