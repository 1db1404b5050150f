using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;
using SecureCloudinary.Testing.Vault;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault.Tests;

/// <summary>
/// Issue 15's proof: two named accounts on different backends at once ("media" on Vault, "marketing" on AWS Secrets
/// Manager), each with its own Cloudinary key; rotating one account's key recovers that account through the forced
/// refresh and leaves the other account untouched.
/// </summary>
public sealed class TwoBackendAccountsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MediaOnVaultAndMarketingOnAws_RotatingMediasKey_RecoversMediaByForcedRefresh_AndMarketingIsUntouched()
    {
        // One fake clock for the app and every emulator: nothing refreshes on a timer while the test runs.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { TimeProvider = time }, Ct);
        await using var aws = await SecretsManagerEmulator.StartAsync(new SecretsManagerEmulatorOptions { Region = "eu-west-1", TimeProvider = time }, Ct);
        await using var mediaCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "media-cloud", TimeProvider = time }, Ct);
        await using var marketingCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "marketing-cloud", TimeProvider = time }, Ct);
        var mediaOld = mediaCloud.Credentials;
        vault.SetPolicy("media", "secret/data/cloudinary/media");
        var mediaToken = vault.CreateToken(new VaultTokenSpec { Policies = ["media"] });
        vault.WriteSecret("secret", "cloudinary/media", new Dictionary<string, string> { ["url"] = mediaOld.ToCloudinaryUrl() });
        aws.CreateSecret("marketing/cloudinary", $$"""{"url":"{{marketingCloud.Credentials.ToCloudinaryUrl()}}"}""");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cloudinary:Accounts:media:Source"] = "Vault",
            ["Cloudinary:Accounts:media:Vault:Address"] = vault.Address.ToString(),
            ["Cloudinary:Accounts:media:Vault:Path"] = "cloudinary/media",
            ["Cloudinary:Accounts:media:Vault:Auth:Token"] = mediaToken,
            ["Cloudinary:Accounts:marketing:Source"] = "AwsSecretsManager",
            ["Cloudinary:Accounts:marketing:AwsSecretsManager:SecretId"] = "marketing/cloudinary",
            ["Cloudinary:Accounts:marketing:AwsSecretsManager:ServiceUrl"] = aws.BaseAddress.ToString(),
            ["Cloudinary:Accounts:marketing:AwsSecretsManager:Region"] = aws.Region,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddFakeLogging();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(new VaultEnvironment(_ => null));
        builder.Services.AddKeyedSingleton<AWSCredentials>("marketing", new BasicAWSCredentials(aws.AccessKeyId, aws.SecretAccessKey));
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddVault();
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddAwsSecretsManager();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var media = host.Services.GetRequiredKeyedService<CloudinaryClient>("media");
        var marketing = host.Services.GetRequiredKeyedService<CloudinaryClient>("marketing");
        var mediaProvider = host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media");
        var marketingProvider = host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("marketing");

        // Both accounts work at once, each with its own key against its own Cloudinary.
        await media.PingAsync(Ct);
        await marketing.PingAsync(Ct);
        var mediaFirst = await media.UploadAsync(UploadRequest.FromDataUri("data:,media-1"), Ct);
        var marketingFirst = await marketing.UploadAsync(UploadRequest.FromDataUri("data:,marketing-1"), Ct);
        var marketingBefore = await marketingProvider.GetSnapshotAsync(Ct);
        var awsReadsBefore = aws.Requests.Count(r => r.Operation == "GetSecretValue");
        var marketingRefreshesBefore = AccountRecords(host, "marketing").Count(IsRefresh);

        // Rotate media: the new key goes into media's store (Vault), the old one is disabled in Cloudinary.
        var mediaNew = mediaCloud.AddApiKey();
        vault.WriteSecret("secret", "cloudinary/media", new Dictionary<string, string> { ["url"] = mediaNew.ToCloudinaryUrl() });
        mediaCloud.DisableApiKey(mediaOld.ApiKey);

        var mediaSecond = await media.UploadAsync(UploadRequest.FromDataUri("data:,media-2"), Ct);
        await media.PingAsync(Ct);
        await marketing.PingAsync(Ct);
        var marketingSecond = await marketing.UploadAsync(UploadRequest.FromDataUri("data:,marketing-2"), Ct);
        var mediaAfter = await mediaProvider.GetSnapshotAsync(Ct);
        var marketingAfter = await marketingProvider.GetSnapshotAsync(Ct);
        await host.StopAsync(Ct);

        // Media: one 401 with the old key, then the forced refresh read the new key from Vault and the call succeeded.
        Assert.Equal(mediaOld.ApiKey, mediaCloud.FindAsset(mediaFirst.PublicId!)!.UploadedWithApiKey);
        Assert.Equal(mediaNew.ApiKey, mediaCloud.FindAsset(mediaSecond.PublicId!)!.UploadedWithApiKey);
        Assert.Equal(mediaNew.Fingerprint, mediaAfter.Credentials.Fingerprint);
        var rejected = Assert.Single(mediaCloud.Requests, r => r.StatusCode == 401);
        Assert.Equal(mediaOld.ApiKey, rejected.ApiKey);
        Assert.Single(AccountRecords(host, "media"), r => r.Id.Name == "ForcedRefresh");

        // Marketing: no refresh, no failed call, the same key.
        Assert.Equal(marketingBefore.Credentials.Fingerprint, marketingAfter.Credentials.Fingerprint);
        Assert.Equal(marketingBefore.Version, marketingAfter.Version);
        Assert.Equal(awsReadsBefore, aws.Requests.Count(r => r.Operation == "GetSecretValue"));
        Assert.All(marketingCloud.Requests, r => Assert.Equal((200, marketingCloud.Credentials.ApiKey), (r.StatusCode, r.ApiKey)));
        Assert.Equal(marketingCloud.Credentials.ApiKey, marketingCloud.FindAsset(marketingFirst.PublicId!)!.UploadedWithApiKey);
        Assert.Equal(marketingCloud.Credentials.ApiKey, marketingCloud.FindAsset(marketingSecond.PublicId!)!.UploadedWithApiKey);
        Assert.DoesNotContain(mediaCloud.Requests, r => r.ApiKey == marketingCloud.Credentials.ApiKey);
        Assert.Equal(marketingRefreshesBefore, AccountRecords(host, "marketing").Count(IsRefresh));
        Assert.DoesNotContain(AccountRecords(host, "marketing"), r => r.Id.Name is "ForcedRefresh" or "CredentialsRotated");
        Assert.All(aws.Requests, r => Assert.Equal((200, "marketing/cloudinary"), (r.StatusCode, r.SecretId)));
    }

    private static bool IsRefresh(FakeLogRecord record) => record.Id.Name is "CredentialsRefreshed" or "CredentialsLoaded" or "ForcedRefresh";

    private static List<FakeLogRecord> AccountRecords(IHost host, string account) =>
        host.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>()
                .SelectMany(s => s)
                .Any(p => p.Key == "SecureCloudinary.Account" && Equals(p.Value, account)))
            .ToList();
}
