using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Cli.Usage;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Cli.Tests.Usage;

public sealed class UsageCommandTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public async Task Usage_SpikeDay_IsFlaggedAndExitsFive()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        for (var i = 1; i <= 10; i++)
        {
            cloudinary.SetDailyUsage(Today.AddDays(-i), requests: 100 + i, bandwidthBytes: 1000, transformations: 5, storageBytes: 42);
        }

        cloudinary.SetDailyUsage(Today.AddDays(-3), requests: 5000);

        var result = await RunAsync(cloudinary, dir.Path, "usage", "--days", "10", "--json");

        Assert.Equal(UsageRunner.FlaggedExitCode, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var days = json.RootElement.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(10, days.Count);
        var flagged = Assert.Single(days, d => d.GetProperty("flagged").GetBoolean());
        Assert.Equal("2026-11-27", flagged.GetProperty("date").GetString());
        Assert.Equal(5000, flagged.GetProperty("requests").GetInt64());
        Assert.Equal(1000, days[0].GetProperty("bandwidth").GetInt64());
        Assert.DoesNotContain(cloudinary.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_SteadyDays_ExitZeroWithAChart()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        for (var i = 1; i <= 7; i++)
        {
            cloudinary.SetDailyUsage(Today.AddDays(-i), requests: 200);
        }

        var result = await RunAsync(cloudinary, dir.Path, "usage", "--days", "7");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Requests per day (2026-11-23 .. 2026-11-29)", result.Output, StringComparison.Ordinal);
        Assert.Contains("not per API key", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("far above", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_Account_ReadsTheAccountsCloudOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var main = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "main" }, ct);
        await using var shop = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "shop" }, ct);
        using var dir = new TempDirectory();
        for (var i = 1; i <= 3; i++)
        {
            main.SetDailyUsage(Today.AddDays(-i), requests: 11);
            shop.SetDailyUsage(Today.AddDays(-i), requests: 777);
        }

        var environment = EmulatorFixture.ConfigurationSourceEnvironment(main.Credentials);
        environment["Cloudinary__Accounts__shop__Source"] = "Configuration";
        environment["Cloudinary__Accounts__shop__Url"] = shop.Credentials.ToCloudinaryUrl();
        var time = new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

        var result = await CliRunner.RunAsync(environment, dir.Path, configureServices: null, time, "usage", "--days", "3", "--json", "--account", "shop");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.AllText);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("shop", json.RootElement.GetProperty("cloudName").GetString());
        Assert.All(json.RootElement.GetProperty("days").EnumerateArray(), d => Assert.Equal(777, d.GetProperty("requests").GetInt64()));
        Assert.Empty(main.Requests);
        Assert.DoesNotContain(shop.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    private static Task<CliResult> RunAsync(CloudinaryEmulator cloudinary, string directory, params string[] args)
    {
        var environment = EmulatorFixture.ConfigurationSourceEnvironment(cloudinary.Credentials);
        var time = new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        return CliRunner.RunAsync(environment, directory, configureServices: null, time, args);
    }
}
