using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SecureCloudinary.Internal;
using SecureCloudinary.Sources;

namespace SecureCloudinary.Tests.DependencyInjection;

/// <summary>
/// Puts a sentinel secret into every input of every error path of the sources, the secret parser, the provider,
/// the option rules and host start-up, and asserts it appears in no exception text and no log record.
/// </summary>
public sealed class NoSecretLeakTests
{
    private const string Sentinel = "Sntl7Qx9Secret";

    public static TheoryData<string> MalformedUrls => new()
    {
        $"cloudinary://123456:{Sentinel}",
        $"https://123456:{Sentinel}@demo",
        $"cloudinary://123456:{Sentinel}@bad cloud",
        $"cloudinary://{Sentinel}@demo",
        $"cloudinary://:{Sentinel}@demo",
        $"cloudinary://123456:{Sentinel}@demo?upload_prefix={Sentinel}",
        $"cloudinary://123456:abc@demo?signature_algorithm={Sentinel}",
        $"cloudinary://123456:abc@demo?{Sentinel}=x&private_cdn={Sentinel}",
        $"{Sentinel}",
    };

    public static TheoryData<string> BadSecrets => new()
    {
        Sentinel,
        $"{{\"api_secret\":\"{Sentinel}\"",
        $"{{\"api_secret\":\"{Sentinel}\" \"{Sentinel}\"}}",
        $"{{\"{Sentinel}\":1, ",
        $"[\"{Sentinel}\"]",
        $"{{\"cloud_name\":\"demo\",\"api_secret\":\"{Sentinel}\"}}",
        $"{{\"cloud_name\":\"{Sentinel}/x\",\"api_key\":\"1\",\"api_secret\":\"{Sentinel}\"}}",
        $"{{\"api_key\":{{\"{Sentinel}\":\"{Sentinel}\"}},\"api_secret\":\"{Sentinel}\"}}",
        $"{{\"url\":\"https://1:{Sentinel}@demo\"}}",
        $"{{\"url\":[\"{Sentinel}\"]}}",
    };

    [Theory]
    [MemberData(nameof(MalformedUrls))]
    public async Task Sources_MalformedUrl_NeverShowTheSentinel(string url)
    {
        var env = new EnvironmentCredentialSource(n => n == "CLOUDINARY_URL" ? url : null);
        var config = new ConfigurationCredentialSource(Config(("Cloudinary:Url", url)).GetSection("Cloudinary"));

        await AssertFailsWithoutLeakAsync(env);
        await AssertFailsWithoutLeakAsync(config);
    }

    [Fact]
    public async Task Sources_PartialOrInvalidIndividualParts_NeverShowTheSentinel()
    {
        await AssertFailsWithoutLeakAsync(new EnvironmentCredentialSource(
            n => n == "CLOUDINARY_API_SECRET" ? Sentinel : null));
        await AssertFailsWithoutLeakAsync(new EnvironmentCredentialSource(
            n => n switch { "CLOUDINARY_CLOUD_NAME" => Sentinel + "/x", "CLOUDINARY_API_KEY" => Sentinel, _ => Sentinel }));
        await AssertFailsWithoutLeakAsync(new ConfigurationCredentialSource(
            Config(("Cloudinary:ApiKey", Sentinel), ("Cloudinary:ApiSecret", Sentinel)).GetSection("Cloudinary")));
        await AssertFailsWithoutLeakAsync(new ConfigurationCredentialSource(
            Config(("Cloudinary:Url", $"cloudinary://1:{Sentinel}@demo"), ("Cloudinary:CloudName", $"{Sentinel}.x")).GetSection("Cloudinary")));
    }

    [Theory]
    [MemberData(nameof(BadSecrets))]
    public void SecretParser_BadSecret_NeverShowsTheSentinel(string secret)
    {
        var e = Assert.Throws<CloudinaryCredentialException>(() => CloudinarySecretParser.Parse(secret, "Vault"));

        AssertClean(e.ToString());
    }

    [Fact]
    public async Task Provider_LoadAndFailure_LogNoSentinel()
    {
        var logger = new FakeLogger<CloudinaryCredentialProvider>();
        using var failing = new CloudinaryCredentialProvider(
            new EnvironmentCredentialSource(n => n == "CLOUDINARY_URL" ? $"cloudinary://123:{Sentinel}" : null), logger);
        using var working = new CloudinaryCredentialProvider(
            new EnvironmentCredentialSource(n => n == "CLOUDINARY_URL" ? $"cloudinary://123456:{Sentinel}@demo" : null), logger);
        using var wrapped = new CloudinaryCredentialProvider(
            new CountingCredentialSource("Odd", () => throw new InvalidOperationException("boom")), logger);

        var e1 = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => failing.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask());
        var e2 = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => wrapped.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask());
        var snapshot = await working.GetSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Sentinel, snapshot.Credentials.ApiSecret);
        AssertClean(e1.ToString());
        AssertClean(e2.ToString());
        AssertClean(snapshot.ToString());
        AssertLogsClean(logger.Collector, expectedRecords: 3);
    }

    [Theory]
    [InlineData("Cloudinary:Source", Sentinel)]
    [InlineData("Cloudinary:ApiBaseAddress", "http://" + Sentinel + ".example.com/")]
    [InlineData("Cloudinary:ApiBaseAddress", "http://user:" + Sentinel + "@example.com/")]
    [InlineData("Cloudinary:ApiBaseAddress", Sentinel)]
    public async Task HostStart_InvalidOption_NeverShowsTheSentinel(string key, string value)
    {
        var builder = TestHosts.Builder((key, value));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        AssertClean(e.ToString());
        AssertLogsClean(host.Services.GetFakeLogCollector());
    }

    [Theory]
    [MemberData(nameof(MalformedUrls))]
    public async Task HostStart_BadCredentials_NeverShowsTheSentinel(string url)
    {
        var builder = TestHosts.Builder(
            ("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", url), ("Cloudinary:ApiSecret", Sentinel));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        AssertClean(e.ToString());
        AssertLogsClean(host.Services.GetFakeLogCollector(), expectedRecords: 1);
    }

    private static IConfigurationRoot Config(params (string Key, string? Value)[] values) => TestHosts.Configuration(values);

    private static async Task AssertFailsWithoutLeakAsync(ICloudinaryCredentialSource source)
    {
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(
            () => source.GetCredentialsAsync(TestContext.Current.CancellationToken).AsTask());
        AssertClean(e.ToString());
    }

    private static void AssertLogsClean(FakeLogCollector collector, int? expectedRecords = null)
    {
        var records = collector.GetSnapshot();
        if (expectedRecords is { } expected)
        {
            Assert.True(records.Count >= expected, $"Expected at least {expected} log records, got {records.Count}.");
        }

        foreach (var record in records)
        {
            AssertClean(record.Message);
            AssertClean(record.Exception?.ToString());
            foreach (var pair in record.StructuredState ?? [])
            {
                AssertClean(pair.Value);
            }
        }
    }

    private static void AssertClean(string? text) => Assert.DoesNotContain(Sentinel, text ?? string.Empty, StringComparison.OrdinalIgnoreCase);
}
