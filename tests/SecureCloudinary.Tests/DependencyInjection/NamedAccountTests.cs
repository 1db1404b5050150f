using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SecureCloudinary.Tests.Lifecycle;

namespace SecureCloudinary.Tests.DependencyInjection;

/// <summary>Issue 15 items 1, 2 and 4: named accounts in one app, each with its own source, cache, settings and telemetry.</summary>
public sealed class NamedAccountTests
{
    private const string MediaUrl = "cloudinary://111111:aaa@media-cloud";
    private const string MarketingUrl = "cloudinary://222222:bbb@marketing-cloud";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HostApplicationBuilder TwoAccounts(params (string Key, string? Value)[] more)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Cloudinary:Accounts:media:Source"] = "Configuration",
            ["Cloudinary:Accounts:media:Url"] = MediaUrl,
            ["Cloudinary:Accounts:marketing:Source"] = "Configuration",
            ["Cloudinary:Accounts:marketing:Url"] = MarketingUrl,
        };
        foreach (var (key, value) in more)
        {
            values[key] = value;
        }

        var builder = TestHosts.Builder([.. values.Select(p => (p.Key, p.Value))]);
        builder.Services.AddSecureCloudinary("media", builder.Configuration.GetSection("Cloudinary:Accounts:media"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration);
        return builder;
    }

    [Fact]
    public async Task NamedAccounts_KeyedProvidersAndClients_UseTheirOwnCredentials()
    {
        using var host = TwoAccounts().Build();
        await host.StartAsync(Ct);

        var media = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media").GetSnapshotAsync(Ct);
        var marketing = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("marketing").GetSnapshotAsync(Ct);

        Assert.Equal("media-cloud", media.Credentials.CloudName);
        Assert.Equal("111111", media.Credentials.ApiKey);
        Assert.Equal("marketing-cloud", marketing.Credentials.CloudName);
        Assert.Equal("222222", marketing.Credentials.ApiKey);
        Assert.NotSame(
            host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media"),
            host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("marketing"));
        Assert.Equal("media", host.Services.GetRequiredKeyedService<CloudinaryClient>("media").Account);
        Assert.Equal("marketing", host.Services.GetRequiredKeyedService<CloudinaryClient>("marketing").Account);

        // Only named accounts were added: there is no unnamed client to resolve by mistake.
        Assert.Null(host.Services.GetService<ICloudinaryCredentialProvider>());
        Assert.Null(host.Services.GetService<CloudinaryClient>());
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task UnnamedAndNamed_Together_EachKeepsItsOwnSettings()
    {
        var builder = TestHosts.Builder(
            ("Cloudinary:Source", "Configuration"),
            ("Cloudinary:Url", MediaUrl),
            ("Cloudinary:RefreshInterval", "00:07:00"),
            ("Cloudinary:Accounts:marketing:Source", "Configuration"),
            ("Cloudinary:Accounts:marketing:Url", MarketingUrl));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration.GetSection("Cloudinary:Accounts:marketing"));
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var unnamed = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(Ct);
        var marketing = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("marketing").GetSnapshotAsync(Ct);
        var options = host.Services.GetRequiredService<IOptionsMonitor<SecureCloudinaryOptions>>();

        Assert.Equal("media-cloud", unnamed.Credentials.CloudName);
        Assert.Equal("marketing-cloud", marketing.Credentials.CloudName);
        Assert.Equal(TimeSpan.FromMinutes(7), options.CurrentValue.RefreshInterval);
        Assert.Equal(new SecureCloudinaryOptions().RefreshInterval, options.Get("marketing").RefreshInterval);
        Assert.Null(host.Services.GetRequiredService<CloudinaryClient>().Account);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task NamedAccount_InvalidSetting_MessageNamesTheAccountsKey()
    {
        using var host = TwoAccounts(("Cloudinary:Accounts:marketing:ChunkSize", "1")).Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Cloudinary:Accounts:marketing:ChunkSize must be at least", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudinary:Accounts:media", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedAccount_ConfigurationSourceWithNothingSet_FailsNamingTheAccountsKeys()
    {
        var builder = TestHosts.Builder(("Cloudinary:Accounts:marketing:Source", "Configuration"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration);
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => host.StartAsync(Ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("Cloudinary:Accounts:marketing:Url", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:Accounts:marketing:ApiSecret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedAccount_MisspeltKey_FailsWithTheFullPathAndTheNearestName()
    {
        using var host = TwoAccounts(("Cloudinary:Accounts:media:RefreshIntervall", "00:01:07")).Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(
            "Cloudinary:Accounts:media:RefreshIntervall is not a setting; did you mean Cloudinary:Accounts:media:RefreshInterval?",
            e.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("00:01:07", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unnamed_AccountsKeyBesideItsSettings_IsNotAnUnknownKey()
    {
        var builder = TestHosts.Builder(
            ("Cloudinary:Source", "Configuration"),
            ("Cloudinary:Url", MediaUrl),
            ("Cloudinary:Accounts:marketing:Source", "Configuration"),
            ("Cloudinary:Accounts:marketing:Url", MarketingUrl));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        await host.StartAsync(Ct);

        Assert.Equal("media-cloud", (await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(Ct)).Credentials.CloudName);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task SourceAddedToOneAccount_IsNotSelectableByAnother()
    {
        var source = new CountingCredentialSource("Test", () => new CredentialSnapshot(new CloudinaryCredentials("media-cloud", "111111", "aaa")));
        var builder = TestHosts.Builder(
            ("Cloudinary:Accounts:media:Source", "Test"),
            ("Cloudinary:Accounts:marketing:Source", "Test"));
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddCredentialSource("Test", _ => source);
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration);
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Cloudinary:Accounts:marketing:Source names a credential source that is not registered", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudinary:Accounts:media:Source", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a:b")]
    [InlineData(" padded")]
    [InlineData("")]
    public void AccountName_NotAConfigurationKey_IsRefused(string name)
    {
        var services = new ServiceCollection();

        Assert.ThrowsAny<ArgumentException>(() => services.AddSecureCloudinary(name, _ => { }));
    }

    [Fact]
    public async Task TwoAccountsWithTheSameCloudAndKey_LogAWarningNamingBothButNoSecret()
    {
        using var host = TwoAccounts(("Cloudinary:Accounts:marketing:Url", MediaUrl)).Build();

        await host.StartAsync(Ct);

        var warning = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1021);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("marketing", warning.Message, StringComparison.Ordinal);
        Assert.Contains("media", warning.Message, StringComparison.Ordinal);
        Assert.Contains("media-cloud", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("aaa", warning.Message, StringComparison.Ordinal);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task TwoAccountsWithDifferentKeys_LogNoSharedKeyWarning()
    {
        using var host = TwoAccounts().Build();

        await host.StartAsync(Ct);

        Assert.DoesNotContain(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1021);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task NamedAccount_Logs_CarryTheAccountScope()
    {
        using var host = TwoAccounts().Build();

        await host.StartAsync(Ct);

        var loads = host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == 1000).ToList();
        Assert.Equal(2, loads.Count);
        var accounts = loads.Select(AccountScopeOf).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["marketing", "media"], accounts);
        Assert.Contains(loads, r => AccountScopeOf(r) == "marketing" && r.Message.Contains("marketing-cloud", StringComparison.Ordinal));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task UnnamedAccount_Logs_HaveNoAccountScope()
    {
        var builder = TestHosts.Builder(("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", MediaUrl));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        await host.StartAsync(Ct);

        var load = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1000);
        Assert.Null(AccountScopeOf(load));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task NamedAccount_Metrics_CarryTheAccountTag()
    {
        var builder = TwoAccounts(("Cloudinary:Accounts:media:ResolveOnStart", "false"), ("Cloudinary:Accounts:marketing:ResolveOnStart", "false"));
        builder.Services.AddMetrics();
        using var host = builder.Build();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var refreshes = new MetricCollector<long>(meters, "SecureCloudinary", "securecloudinary.credentials.refreshes");

        await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("marketing").GetSnapshotAsync(Ct);

        var measurement = Assert.Single(refreshes.GetMeasurementSnapshot());
        Assert.Equal("marketing", measurement.Tags["account"]);
        Assert.Equal("Configuration", measurement.Tags["source"]);
    }

    [Fact]
    public async Task NamedAccount_RefreshSpan_CarriesTheAccount()
    {
        using var host = TwoAccounts(("Cloudinary:Accounts:media:ResolveOnStart", "false")).Build();
        using var recorder = new ActivityRecorder();

        await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media").GetSnapshotAsync(Ct);

        var span = Assert.Single(recorder.Stopped, a => a.OperationName == "securecloudinary.refresh");
        Assert.Equal("media", span.GetTagItem("securecloudinary.account"));
    }

    [Fact]
    public async Task HealthChecksPerAccount_ReportEachAccountsFingerprint()
    {
        var builder = TwoAccounts();
        builder.Services.AddHealthChecks().AddSecureCloudinaryAccount("media").AddSecureCloudinaryAccount("marketing");
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

        var media = report.Entries["securecloudinary-media"];
        var marketing = report.Entries["securecloudinary-marketing"];
        Assert.Equal(HealthStatus.Healthy, media.Status);
        Assert.Equal("media", media.Data["account"]);
        Assert.Equal("marketing", marketing.Data["account"]);
        Assert.Equal(new CloudinaryCredentials("media-cloud", "111111", "aaa").Fingerprint, media.Data["fingerprint"]);
        Assert.Equal(new CloudinaryCredentials("marketing-cloud", "222222", "bbb").Fingerprint, marketing.Data["fingerprint"]);
        Assert.StartsWith("Account marketing: ", marketing.Description, StringComparison.Ordinal);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task ForcedRefreshOfOneAccount_DoesNotReadTheOthersSource()
    {
        var media = new CountingCredentialSource("Test", () => new CredentialSnapshot(new CloudinaryCredentials("media-cloud", "111111", "aaa")));
        var marketing = new CountingCredentialSource("Test", () => new CredentialSnapshot(new CloudinaryCredentials("marketing-cloud", "222222", "bbb")));
        var builder = TestHosts.Builder(
            ("Cloudinary:Accounts:media:Source", "Test"),
            ("Cloudinary:Accounts:media:MinimumForcedRefreshInterval", "00:00:00"),
            ("Cloudinary:Accounts:marketing:Source", "Test"));
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddCredentialSource("Test", _ => media);
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddCredentialSource("Test", _ => marketing);
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var mediaProvider = host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media");

        var rejected = await mediaProvider.GetSnapshotAsync(Ct);
        await mediaProvider.ForceRefreshAsync(rejected, Ct);

        Assert.Equal(2, media.Calls);
        Assert.Equal(1, marketing.Calls);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task KeyedRotatingClient_IsBuiltFromItsAccountsCredentials()
    {
        var builder = TwoAccounts();
        builder.Services.AddSecureCloudinaryClient("media", credentials => new Box(credentials.CloudName));
        builder.Services.AddSecureCloudinaryClient("marketing", credentials => new Box(credentials.CloudName));
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var media = await host.Services.GetRequiredKeyedService<RotatingCloudinaryClient<Box>>("media").GetClientAsync(Ct);
        var marketing = await host.Services.GetRequiredKeyedService<RotatingCloudinaryClient<Box>>("marketing").GetClientAsync(Ct);

        Assert.Equal("media-cloud", media.Value);
        Assert.Equal("marketing-cloud", marketing.Value);
        Assert.Null(host.Services.GetService<RotatingCloudinaryClient<Box>>());
        await host.StopAsync(Ct);
    }

    [Fact]
    public void KeyedStoreWriter_BelongsToItsAccountOnly()
    {
        var writer = new NullWriter();
        var configuration = TestHosts.Configuration(("Cloudinary:Accounts:marketing:Source", "Configuration"));
        var services = new ServiceCollection();
        services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));
        services.AddSecureCloudinary("marketing", configuration).AddCredentialStoreWriter("Test", _ => writer);
        using var provider = services.BuildServiceProvider();

        Assert.Same(writer, provider.GetKeyedCloudinaryCredentialStoreWriter("marketing", "Test"));
        Assert.Null(provider.GetKeyedCloudinaryCredentialStoreWriter("marketing"));
        Assert.Null(provider.GetCloudinaryCredentialStoreWriter("Test"));
    }

    private static string? AccountScopeOf(FakeLogRecord record) =>
        record.Scopes
            .OfType<IEnumerable<KeyValuePair<string, object?>>>()
            .SelectMany(s => s)
            .Where(p => p.Key == "SecureCloudinary.Account")
            .Select(p => p.Value as string)
            .SingleOrDefault();

    public sealed record Box(string Value);

    private sealed class NullWriter : ICloudinaryCredentialStoreWriter
    {
        public string SourceName => "Test";

        public ValueTask<CredentialSnapshot> ReadAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<CredentialSnapshot?> ReadPreviousAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<CredentialSnapshot> WriteAsync(CredentialSnapshot current, CloudinaryCredentials replacement, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask<CredentialSnapshot> RestoreAsync(CredentialSnapshot previous, CredentialSnapshot written, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
