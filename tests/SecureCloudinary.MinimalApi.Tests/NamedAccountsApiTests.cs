using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Testing;

namespace SecureCloudinary.MinimalApi.Tests;

/// <summary>
/// Two named accounts in one web app, each with its own emulator (its own cloud and key): endpoints inject
/// <c>[FromKeyedServices("media")]</c> and <c>[FromKeyedServices("marketing")]</c> clients, and the health, logs,
/// metrics and spans tell the accounts apart.
/// </summary>
public sealed class NamedAccountsApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_ThroughEachKeyedClient_LandsInItsOwnCloudWithItsOwnKey()
    {
        await using var media = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-media" }, Token);
        await using var marketing = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-marketing" }, Token);
        await using var server = await NamedAccountsServer.StartAsync(media.Credentials.ToCloudinaryUrl(), marketing.Credentials.ToCloudinaryUrl(), Token);
        var photo = TestPng.Create(2, 2, 255, 0, 0);
        var banner = TestPng.Create(3, 1, 0, 0, 255);

        var fromMedia = await PostAsync(server, "media/images", photo);
        var mediaAsset = Assert.Single(media.Assets);
        Assert.Empty(marketing.Assets);
        var fromMarketing = await PostAsync(server, "marketing/images", banner);
        var marketingAsset = Assert.Single(marketing.Assets);

        Assert.Single(media.Assets);
        Assert.Equal((fromMedia.PublicId, media.Credentials.ApiKey), (mediaAsset.PublicId, mediaAsset.UploadedWithApiKey));
        Assert.Equal((fromMarketing.PublicId, marketing.Credentials.ApiKey), (marketingAsset.PublicId, marketingAsset.UploadedWithApiKey));
        Assert.Contains("/acme-media/", fromMedia.SecureUrl, StringComparison.Ordinal);
        Assert.Contains("/acme-marketing/", fromMarketing.SecureUrl, StringComparison.Ordinal);
        Assert.NotEqual(media.Credentials.ApiKey, marketing.Credentials.ApiKey);
    }

    [Fact]
    public async Task Health_TwoAccounts_JsonShowsEachAccountsFingerprintAndName_AndPingsEachCloud()
    {
        await using var media = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-media" }, Token);
        await using var marketing = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-marketing" }, Token);
        await using var server = await NamedAccountsServer.StartAsync(media.Credentials.ToCloudinaryUrl(), marketing.Credentials.ToCloudinaryUrl(), Token);

        using var response = await server.Http.GetAsync(new Uri("health", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain(media.Credentials.ApiSecret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(marketing.Credentials.ApiSecret, body, StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var entries = json.GetProperty("entries");
        Assert.Equal(
            ["securecloudinary-marketing", "securecloudinary-marketing-ping", "securecloudinary-media", "securecloudinary-media-ping"],
            entries.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (var (account, emulator) in new[] { ("media", media), ("marketing", marketing) })
        {
            var data = entries.GetProperty("securecloudinary-" + account).GetProperty("data");
            Assert.Equal(account, data.GetProperty("account").GetString());
            Assert.Equal(emulator.Credentials.Fingerprint, data.GetProperty("fingerprint").GetString());
            Assert.Equal(emulator.CloudName, data.GetProperty("cloudName").GetString());
            Assert.Equal("Configuration", data.GetProperty("source").GetString());
            Assert.Equal("Healthy", entries.GetProperty($"securecloudinary-{account}-ping").GetProperty("status").GetString());

            // Each ping went to its own cloud, signed with its own key.
            var ping = Assert.Single(emulator.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal));
            Assert.Equal(emulator.Credentials.ApiKey, ping.ApiKey);
        }
    }

    [Fact]
    public async Task Telemetry_NamedAccounts_LogsCarryTheAccountScope_MetricsTheAccountTag_SpansTheAccountAttribute()
    {
        await using var media = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-media" }, Token);
        await using var marketing = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-marketing" }, Token);
        using var spans = new SpanRecorder();
        await using var server = await NamedAccountsServer.StartAsync(media.Credentials.ToCloudinaryUrl(), marketing.Credentials.ToCloudinaryUrl(), Token);

        await PostAsync(server, "marketing/images", TestPng.Create(1, 1, 9, 9, 9));

        // The credentials loaded at start (event 1000) are logged once per account, inside that account's scope.
        var loaded = server.Logs.GetSnapshot().Where(r => r.Id.Id == 1000).ToList();
        Assert.Equal(["marketing", "media"], loaded.Select(AccountScopeOf).Order(StringComparer.Ordinal));
        Assert.All(loaded, r => Assert.Equal(LogLevel.Information, r.Level));
        var mediaLoaded = Assert.Single(loaded, r => AccountScopeOf(r) == "media");
        Assert.Contains(media.Credentials.Fingerprint, mediaLoaded.Message, StringComparison.Ordinal);
        Assert.All(server.Logs.GetSnapshot(), r =>
        {
            Assert.DoesNotContain(media.Credentials.ApiSecret, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(marketing.Credentials.ApiSecret, r.Message, StringComparison.Ordinal);
        });

        var refreshes = server.Refreshes.GetMeasurementSnapshot();
        Assert.Equal(["marketing", "media"], refreshes.Select(m => (string)m.Tags["account"]!).Order(StringComparer.Ordinal));
        Assert.All(refreshes, m => Assert.Equal("success", m.Tags["outcome"]));

        var upload = Assert.Single(spans.Stopped, a => Equals(a.GetTagItem("cloudinary.cloud_name"), "acme-marketing") && a.OperationName.Contains("upload", StringComparison.Ordinal));
        Assert.Equal("marketing", upload.GetTagItem("securecloudinary.account"));
        Assert.DoesNotContain(spans.Stopped, a => Equals(a.GetTagItem("cloudinary.cloud_name"), "acme-media") && a.OperationName.Contains("upload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_TwoAccountsWithTheSameKey_WarnsWithEvent1021NamingBothAccounts()
    {
        await using var shared = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-shared" }, Token);
        var url = shared.Credentials.ToCloudinaryUrl();
        await using var server = await NamedAccountsServer.StartAsync(url, url, Token);

        var warning = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Id == 1021);

        Assert.Equal(("AccountsShareKey", LogLevel.Warning), (warning.Id.Name, warning.Level));
        Assert.Contains("media", warning.Message, StringComparison.Ordinal);
        Assert.Contains("marketing", warning.Message, StringComparison.Ordinal);
        Assert.Contains(shared.Credentials.Fingerprint, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shared.Credentials.ApiSecret, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shared.Credentials.ApiKey, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DifferentKeys_NoSharedKeyWarning()
    {
        await using var media = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-media" }, Token);
        await using var marketing = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-marketing" }, Token);
        await using var server = await NamedAccountsServer.StartAsync(media.Credentials.ToCloudinaryUrl(), marketing.Credentials.ToCloudinaryUrl(), Token);

        Assert.DoesNotContain(server.Logs.GetSnapshot(), r => r.Id.Id == 1021);
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 1000);
    }

    private static string? AccountScopeOf(Microsoft.Extensions.Logging.Testing.FakeLogRecord record) =>
        record.Scopes
            .OfType<IEnumerable<KeyValuePair<string, object?>>>()
            .SelectMany(scope => scope)
            .Where(p => p.Key == "SecureCloudinary.Account")
            .Select(p => p.Value as string)
            .SingleOrDefault();

    private static async Task<Uploaded> PostAsync(NamedAccountsServer server, string path, byte[] png)
    {
        using var content = new ByteArrayContent(png);
        using var response = await server.Http.PostAsync(new Uri(path, UriKind.Relative), content, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Uploaded>(Token))!;
    }

    private sealed record Uploaded(string PublicId, string SecureUrl);

    /// <summary>Records the SecureCloudinary activity source's finished spans.</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly List<Activity> _stopped = [];

        public SpanRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "SecureCloudinary",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    lock (_stopped)
                    {
                        _stopped.Add(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Stopped
        {
            get
            {
                lock (_stopped)
                {
                    return [.. _stopped];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
