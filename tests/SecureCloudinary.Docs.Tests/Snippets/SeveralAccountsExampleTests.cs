// The Program.cs that docs/several-accounts.md shows runs here, verbatim, against loopback emulators: two Cloudinary
// accounts, one reading its key from Vault, the other from AWS Secrets Manager. The snippet keeps the page's plain
// awaits (no cancellation token), so the analyzer asking for the test's token is off for this file.
#pragma warning disable xUnit1051

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Docs.Tests.Snippets;

public sealed class SeveralAccountsExampleTests
{
    [Fact]
    public async Task ProgramSnippet_TwoAccountsOnVaultAndAws_EachUploadsToItsOwnCloudWithItsOwnKey()
    {
        await using var mediaCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-media" });
        await using var marketingCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "acme-marketing" });
        await using var vault = await VaultEmulator.StartAsync();
        await using var secretsManager = await SecretsManagerEmulator.StartAsync();
        vault.WriteSecret("secret", "cloudinary/media", new Dictionary<string, string> { ["url"] = mediaCloud.Credentials.ToCloudinaryUrl() });
        secretsManager.CreateSecret("prod/cloudinary/marketing", $$"""{"url":"{{marketingCloud.Credentials.ToCloudinaryUrl()}}"}""");

        // The AWS identity comes from a shared credentials file, as on a developer machine.
        var folder = Directory.CreateTempSubdirectory("securecloudinary-docs-");
        var awsCredentials = Path.Combine(folder.FullName, "credentials");
        await File.WriteAllTextAsync(awsCredentials, $"[marketing]\naws_access_key_id = {secretsManager.AccessKeyId}\naws_secret_access_key = {secretsManager.SecretAccessKey}\n");
        var photoPath = Path.Combine(folder.FullName, "photo.jpg");
        var bannerPath = Path.Combine(folder.FullName, "banner.jpg");
        await File.WriteAllBytesAsync(photoPath, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]);
        await File.WriteAllBytesAsync(bannerPath, [0xFF, 0xD8, 0xFF, 0xE0, 5, 6, 7, 8]);
        string[] args =
        [
            "--Logging:LogLevel:Default=Warning",
            "--Cloudinary:Accounts:media:Source=Vault",
            "--Cloudinary:Accounts:media:Vault:Address=" + vault.Address,
            "--Cloudinary:Accounts:media:Vault:Path=cloudinary/media",
            "--Cloudinary:Accounts:media:Vault:Auth:Token=" + vault.RootToken,
            "--Cloudinary:Accounts:marketing:Source=AwsSecretsManager",
            "--Cloudinary:Accounts:marketing:AwsSecretsManager:SecretId=prod/cloudinary/marketing",
            "--Cloudinary:Accounts:marketing:AwsSecretsManager:ServiceUrl=" + secretsManager.BaseAddress,
            "--Cloudinary:Accounts:marketing:AwsSecretsManager:Region=" + secretsManager.Region,
            "--Cloudinary:Accounts:marketing:AwsSecretsManager:Profile=marketing",
            "--Cloudinary:Accounts:marketing:AwsSecretsManager:ProfilesLocation=" + awsCredentials,
        ];
        try
        {
            // docs/several-accounts.md, "Program.cs": keep this block and the page identical.
            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddSecureCloudinary("media", builder.Configuration)       // Cloudinary:Accounts:media
                .AddVault();
            builder.Services.AddSecureCloudinary("marketing", builder.Configuration)   // Cloudinary:Accounts:marketing
                .AddAwsSecretsManager();
            builder.Services.AddHealthChecks()
                .AddSecureCloudinaryAccount("media")        // check "securecloudinary-media"
                .AddSecureCloudinaryAccount("marketing");   // check "securecloudinary-marketing"
            using var host = builder.Build();
            await host.StartAsync();   // validates and resolves both accounts; a bad setting names its account's key

            var media = host.Services.GetRequiredKeyedService<CloudinaryClient>("media");
            var marketing = host.Services.GetRequiredKeyedService<CloudinaryClient>("marketing");
            var photo = await media.UploadAsync(UploadRequest.FromFile(photoPath));
            var banner = await marketing.UploadAsync(UploadRequest.FromFile(bannerPath));

            var mediaAsset = Assert.Single(mediaCloud.Assets);
            var marketingAsset = Assert.Single(marketingCloud.Assets);
            Assert.Equal((photo.PublicId, mediaCloud.Credentials.ApiKey), (mediaAsset.PublicId, mediaAsset.UploadedWithApiKey));
            Assert.Equal((banner.PublicId, marketingCloud.Credentials.ApiKey), (marketingAsset.PublicId, marketingAsset.UploadedWithApiKey));
            Assert.NotEmpty(secretsManager.Requests);

            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Status);
            Assert.Equal(mediaCloud.Credentials.Fingerprint, report.Entries["securecloudinary-media"].Data["fingerprint"]);
            Assert.Equal(marketingCloud.Credentials.Fingerprint, report.Entries["securecloudinary-marketing"].Data["fingerprint"]);
            Assert.Equal("marketing", report.Entries["securecloudinary-marketing"].Data["account"]);
            await host.StopAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Vault:Pth", "Cloudinary:Accounts:media:Vault:Pth is not a setting; did you mean Cloudinary:Accounts:media:Vault:Path?")]
    [InlineData("RefreshInterval", "Cloudinary:Accounts:media:Vault:Path is required: the secret's path inside the KV mount, e.g. cloudinary/prod.")]
    public async Task Start_BadAccountSetting_TheMessageDocsSeveralAccountsQuotes(string key, string expected)
    {
        // docs/several-accounts.md quotes these messages: a misspelt key, and a missing Vault:Path, in one account.
        var builder = Host.CreateApplicationBuilder(
        [
            "--Cloudinary:Accounts:media:Source=Vault",
            "--Cloudinary:Accounts:media:Vault:Address=https://vault.example.com:8200",
            "--Cloudinary:Accounts:media:Vault:Auth:Token=not-used",
            $"--Cloudinary:Accounts:media:{key}=" + (key == "Vault:Pth" ? "cloudinary/media" : "00:10:00"),
            key == "Vault:Pth" ? "--Cloudinary:Accounts:media:Vault:Path=cloudinary/media" : "--Unrelated=1",
        ]);
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddVault();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Failures);
    }
}
