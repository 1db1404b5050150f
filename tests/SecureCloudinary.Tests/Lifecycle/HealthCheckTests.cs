using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecureCloudinary.Internal;
using SecureCloudinary.Tests.Client;

namespace SecureCloudinary.Tests.Lifecycle;

public sealed class HealthCheckTests
{
    private static async Task<HealthCheckResult> CheckAsync(ICloudinaryCredentialProvider provider, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var check = new CloudinaryCredentialsHealthCheck(provider);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("c", check, failureStatus, null) };
        return await check.CheckHealthAsync(context, LifecycleKit.Ct);
    }

    [Fact]
    public async Task Check_FreshCredentials_IsHealthy()
    {
        using var kit = new LifecycleKit();
        var snapshot = await kit.LoadAsync();

        var result = await CheckAsync(kit.Provider);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains(snapshot.Credentials.Fingerprint, result.Description, StringComparison.Ordinal);
        Assert.Equal("Scripted", result.Data["source"]);
    }

    [Fact]
    public async Task Check_ServingStale_IsDegradedAndSaysSinceWhenAndWhy()
    {
        using var kit = new LifecycleKit();
        await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();
        kit.Time.Advance(TimeSpan.FromMinutes(5));

        var result = await CheckAsync(kit.Provider);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("since 2026-03-01T12:05:00Z", result.Description, StringComparison.Ordinal);
        Assert.Contains("Unavailable", result.Description, StringComparison.Ordinal);
        Assert.Contains("until 2026-03-02T12:00:00Z", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoCredentialsEver_IsUnhealthyWithTheReason()
    {
        using var kit = new LifecycleKit();
        kit.Source.Failure = new CloudinaryCredentialException("Scripted", CredentialFailureReason.AccessDenied, "denied");

        var result = await CheckAsync(kit.Provider);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("AccessDenied", result.Description, StringComparison.Ordinal);
        Assert.Equal(1, kit.Source.Calls);
    }

    [Fact]
    public async Task Check_StaleBeyondMaxStaleness_UsesTheFailureStatus()
    {
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MaxStaleness = TimeSpan.FromMinutes(30) });
        await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();
        kit.Time.Advance(TimeSpan.FromHours(1));

        var result = await CheckAsync(kit.Provider, HealthStatus.Degraded);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("older than Cloudinary:MaxStaleness", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OtherProvider_HealthyWhenItAnswers()
    {
        var result = await CheckAsync(new SwappableCredentialProvider(LifecycleKit.Snap(1).Credentials));

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task AddHealthChecks_AddSecureCloudinary_ReportsThroughHealthCheckService()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSecureCloudinary(o => o.Source = "Scripted")
            .AddCredentialSource("Scripted", _ => new ScriptedCredentialSource(LifecycleKit.Snap(1)));
        services.AddHealthChecks().AddSecureCloudinary(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(LifecycleKit.Ct);

        var entry = Assert.Single(report.Entries);
        Assert.Equal("securecloudinary", entry.Key);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
        Assert.Contains("ready", entry.Value.Tags);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, HealthStatus.Healthy, "answered")]
    [InlineData(HttpStatusCode.Unauthorized, HealthStatus.Unhealthy, "HTTP 401: the credentials were rejected")]
    [InlineData(HttpStatusCode.InternalServerError, HealthStatus.Unhealthy, "HTTP 500")]
    public async Task PingCheck_ReportsCloudinarysAnswer(HttpStatusCode status, HealthStatus expected, string text)
    {
        using var kit = new ClientTestKit(
            credentials: LifecycleKit.Snap(1).Credentials,
            responder: _ => StubHttpHandler.Json(status, status == HttpStatusCode.OK ? """{"status":"ok"}""" : $$$"""{"error":{"message":"{{{LifecycleKit.Sentinel}}}"}}"""));
        var check = new CloudinaryPingHealthCheck(kit.Client, TimeSpan.FromSeconds(5));
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("p", check, null, null) };

        var result = await check.CheckHealthAsync(context, LifecycleKit.Ct);

        Assert.Equal(expected, result.Status);
        Assert.Contains(text, result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(LifecycleKit.Sentinel, result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecureCloudinaryPing_NonPositiveTimeout_Throws()
    {
        var builder = new ServiceCollection().AddHealthChecks();
        Assert.Throws<ArgumentOutOfRangeException>("timeout", () => builder.AddSecureCloudinaryPing(timeout: TimeSpan.Zero));
        Assert.Throws<ArgumentNullException>("builder", () => SecureCloudinaryHealthChecksBuilderExtensions.AddSecureCloudinary(null!));
    }
}
