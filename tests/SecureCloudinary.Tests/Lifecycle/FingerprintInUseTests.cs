using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Lifecycle;

/// <summary>Which key each instance uses, for a fleet watching a rotation (issue 14, item 6).</summary>
public sealed class FingerprintInUseTests
{
    private static async Task<HealthCheckResult> CheckAsync(ICloudinaryCredentialProvider provider)
    {
        var check = new CloudinaryCredentialsHealthCheck(provider);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("c", check, HealthStatus.Unhealthy, null) };
        return await check.CheckHealthAsync(context, LifecycleKit.Ct);
    }

    [Fact]
    public async Task HealthData_CarriesTheFingerprintSourceAndVersionInUse()
    {
        using var kit = new LifecycleKit();
        var snapshot = await kit.LoadAsync();

        var data = (await CheckAsync(kit.Provider)).Data;

        Assert.Equal(snapshot.Credentials.Fingerprint, data["fingerprint"]);
        Assert.Equal("Scripted", data["source"]);
        Assert.Equal("v1", data["version"]);
        Assert.Equal("demo", data["cloudName"]);
    }

    [Fact]
    public async Task HealthData_OtherProvider_CarriesTheFingerprint()
    {
        var snapshot = LifecycleKit.Snap(7);
        var data = (await CheckAsync(new Client.SwappableCredentialProvider(snapshot.Credentials))).Data;

        Assert.Equal(snapshot.Credentials.Fingerprint, data["fingerprint"]);
    }

    [Fact]
    public async Task ResponseWriter_WritesStatusAndFingerprintAsJson_AndNoSecret()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSecureCloudinary(o => o.Source = "Scripted")
            .AddCredentialSource("Scripted", _ => new ScriptedCredentialSource(LifecycleKit.Snap(3)));
        services.AddHealthChecks().AddSecureCloudinary(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(LifecycleKit.Ct);
        using var stream = new MemoryStream();

        await SecureCloudinaryHealthResponseWriter.WriteAsync(stream, report, LifecycleKit.Ct);

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain(LifecycleKit.Sentinel, text, StringComparison.Ordinal);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var entry = json.GetProperty("entries").GetProperty("securecloudinary");
        Assert.Equal("Healthy", entry.GetProperty("status").GetString());
        Assert.Equal(["ready"], entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var data = entry.GetProperty("data");
        Assert.Equal(LifecycleKit.Snap(3).Credentials.Fingerprint, data.GetProperty("fingerprint").GetString());
        Assert.Equal("v3", data.GetProperty("version").GetString());
        Assert.Equal(0, data.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal("application/json; charset=utf-8", SecureCloudinaryHealthResponseWriter.ContentType);
    }

    [Fact]
    public async Task ResponseWriter_DataOfUnknownTypesAndExceptions_AreLeftOut()
    {
        var secretHolder = new SecretHolder();
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["other"] = new(
                    HealthStatus.Unhealthy,
                    "down",
                    TimeSpan.FromMilliseconds(3),
                    new InvalidOperationException(LifecycleKit.Sentinel),
                    new Dictionary<string, object> { ["holder"] = secretHolder, ["count"] = 2L, ["ok"] = true }),
            },
            TimeSpan.FromMilliseconds(4));
        using var stream = new MemoryStream();

        await SecureCloudinaryHealthResponseWriter.WriteAsync(stream, report, LifecycleKit.Ct);

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain(LifecycleKit.Sentinel, text, StringComparison.Ordinal);
        var data = JsonDocument.Parse(text).RootElement.GetProperty("entries").GetProperty("other").GetProperty("data");
        Assert.False(data.TryGetProperty("holder", out _));
        Assert.Equal(2, data.GetProperty("count").GetInt64());
        Assert.True(data.GetProperty("ok").GetBoolean());
        Assert.Equal("Unhealthy", JsonDocument.Parse(text).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InUseGauge_ReportsTheFingerprintAndFollowsARotation()
    {
        using var kit = new LifecycleKit();
        using var inUse = new MetricCollector<int>(kit.MeterFactory, "SecureCloudinary", "securecloudinary.credentials.in_use");
        inUse.RecordObservableInstruments();
        Assert.Empty(inUse.GetMeasurementSnapshot());

        var first = await kit.LoadAsync();
        inUse.RecordObservableInstruments();
        var before = Assert.Single(inUse.GetMeasurementSnapshot());
        Assert.Equal(1, before.Value);
        Assert.Equal(first.Credentials.Fingerprint, before.Tags["key.fingerprint"]);
        Assert.Equal("Scripted", before.Tags["source"]);

        kit.Source.Next = LifecycleKit.Snap(2);
        kit.Time.Advance(TimeSpan.FromMinutes(6));
        inUse.Clear();
        inUse.RecordObservableInstruments();

        var after = Assert.Single(inUse.GetMeasurementSnapshot());
        Assert.Equal(LifecycleKit.Snap(2).Credentials.Fingerprint, after.Tags["key.fingerprint"]);
        Assert.DoesNotContain(LifecycleKit.Sentinel, string.Join(",", after.Tags.Values), StringComparison.Ordinal);
    }

    private sealed class SecretHolder
    {
        public override string ToString() => LifecycleKit.Sentinel;
    }
}
