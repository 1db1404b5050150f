using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Vault;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault.Tests;

/// <summary><c>AddVault()</c> on the builders of named accounts (<c>Cloudinary:Accounts:{name}:Vault</c>).</summary>
public sealed class NamedAccountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoAccounts_OnTwoVaultServersWithDifferentSettings_EachReadsItsOwnSecretAndPingsItsCloudinary()
    {
        await using var mediaVault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        await using var marketingVault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        await using var mediaCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "media-cloud" }, Ct);
        await using var marketingCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "marketing-cloud" }, Ct);
        mediaVault.SetPolicy("media", "secret/data/cloudinary/media");
        mediaVault.AddAppRole("media-role", "media-secret-id", new VaultTokenSpec { Policies = ["media"] });
        var mediaVersion = mediaVault.WriteSecret("secret", "cloudinary/media", new Dictionary<string, string> { ["url"] = mediaCloud.Credentials.ToCloudinaryUrl() });
        marketingVault.EnableKv("kv1", 1);
        marketingVault.WriteSecret("kv1", "team/marketing", new Dictionary<string, string> { ["link"] = marketingCloud.Credentials.ToCloudinaryUrl() });
        // VAULT_ADDR and VAULT_TOKEN are fallbacks for every account: marketing sets neither.
        var environment = new Dictionary<string, string?> { ["VAULT_ADDR"] = marketingVault.Address.ToString(), ["VAULT_TOKEN"] = marketingVault.RootToken };
        var builder = Builder(
            environment,
            ("Cloudinary:Accounts:media:Source", "Vault"),
            ("Cloudinary:Accounts:media:Vault:Address", mediaVault.Address.ToString()),
            ("Cloudinary:Accounts:media:Vault:Path", "cloudinary/media"),
            ("Cloudinary:Accounts:media:Vault:SkipTlsVerify", "true"),
            ("Cloudinary:Accounts:media:Vault:Auth:Method", "AppRole"),
            ("Cloudinary:Accounts:media:Vault:Auth:RoleId", "media-role"),
            ("Cloudinary:Accounts:media:Vault:Auth:SecretId", "media-secret-id"),
            ("Cloudinary:Accounts:marketing:Source", "Vault"),
            ("Cloudinary:Accounts:marketing:Vault:MountPath", "kv1"),
            ("Cloudinary:Accounts:marketing:Vault:KvVersion", "1"),
            ("Cloudinary:Accounts:marketing:Vault:Path", "team/marketing"),
            ("Cloudinary:Accounts:marketing:Vault:Fields:Url", "link"));
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddVault();
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddVault();
        using var host = builder.Build();

        await host.StartAsync(Ct);
        var media = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media").GetSnapshotAsync(Ct);
        var marketing = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("marketing").GetSnapshotAsync(Ct);
        var mediaPing = await host.Services.GetRequiredKeyedService<CloudinaryClient>("media").PingAsync(Ct);
        var marketingPing = await host.Services.GetRequiredKeyedService<CloudinaryClient>("marketing").PingAsync(Ct);
        await host.StopAsync(Ct);

        Assert.Equal(mediaCloud.Credentials.ApiKey, media.Credentials.ApiKey);
        Assert.Equal(mediaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), media.Version);
        Assert.Equal(marketingCloud.Credentials.ApiKey, marketing.Credentials.ApiKey);
        Assert.Equal(("ok", "ok"), (mediaPing.Status, marketingPing.Status));
        Assert.Contains(mediaVault.Requests, r => r.Path.Contains("auth/approle/login", StringComparison.Ordinal) && r.StatusCode == 200);
        Assert.DoesNotContain(mediaVault.Requests, r => r.Path.Contains("kv1", StringComparison.Ordinal));
        Assert.Contains(marketingVault.Requests, r => r.Path.Contains("kv1/team/marketing", StringComparison.Ordinal) && r.StatusCode == 200);
        Assert.DoesNotContain(marketingVault.Requests, r => r.Path.Contains("approle", StringComparison.Ordinal) || r.Path.Contains("cloudinary/media", StringComparison.Ordinal));
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<VaultCredentialSourceOptions>>();
        Assert.Equal((true, (bool?)null), (monitor.Get("media").SkipTlsVerify, monitor.Get("marketing").SkipTlsVerify));
        Assert.NotSame(
            host.Services.GetRequiredKeyedService<VaultCredentialSource>("media"),
            host.Services.GetRequiredKeyedService<VaultCredentialSource>("marketing"));
        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        // Only media switched TLS verification off; its own HTTP client's handler says so, in media's scope.
        Assert.Equal(["media"], logs.Where(r => r.Id.Name == "VaultTlsVerificationDisabled").Select(AccountOf).Distinct());
        Assert.Equal(
            ["marketing", "media"],
            logs.Where(r => r.Id.Name == "VaultSecretRead").Select(AccountOf).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StoreWriter_OfANamedAccount_WritesThatAccountsSecretOnly()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        var a = new CloudinaryCredentials("a-cloud", "111111111111111", "a-secret-value");
        var b = new CloudinaryCredentials("b-cloud", "222222222222222", "b-secret-value");
        vault.WriteSecret("secret", "cloudinary/a", VaultTestKit.Fields(a));
        vault.WriteSecret("secret", "cloudinary/b", VaultTestKit.Fields(b));
        var environment = new Dictionary<string, string?> { ["VAULT_ADDR"] = vault.Address.ToString(), ["VAULT_TOKEN"] = vault.RootToken };
        var builder = Builder(
            environment,
            ("Cloudinary:Accounts:a:Source", "Vault"),
            ("Cloudinary:Accounts:a:Vault:Path", "cloudinary/a"),
            ("Cloudinary:Accounts:b:Source", "Vault"),
            ("Cloudinary:Accounts:b:Vault:Path", "cloudinary/b"));
        builder.Services.AddSecureCloudinary("a", builder.Configuration).AddVault();
        builder.Services.AddSecureCloudinary("b", builder.Configuration).AddVault();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var writer = host.Services.GetKeyedCloudinaryCredentialStoreWriter("a")!;
        var rotated = new CloudinaryCredentials("a-cloud", "333333333333333", "a-rotated-value");

        var written = await writer.WriteAsync(await writer.ReadAsync(Ct), rotated, Ct);
        var bAfter = await host.Services.GetKeyedCloudinaryCredentialStoreWriter("b")!.ReadAsync(Ct);
        await host.StopAsync(Ct);

        Assert.Equal(("Vault", "2"), (writer.SourceName, written.Version));
        Assert.Equal(rotated, (await writer.ReadAsync(Ct)).Credentials);
        Assert.Equal((b, "1"), (bAfter.Credentials, bAfter.Version));
        Assert.DoesNotContain(vault.Requests, r => r.Method is "POST" or "PUT" && r.Path.Contains("cloudinary/b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NamedAccount_SelectedWithoutPath_FailsStartNamingTheAccountsKey_AndAnAccountNotSelectingItIsNotValidated()
    {
        var builder = Builder(
            null,
            ("Cloudinary:Accounts:marketing:Source", "Vault"),
            ("Cloudinary:Accounts:marketing:Vault:Address", "http://127.0.0.1:8200"),
            ("Cloudinary:Accounts:marketing:Vault:Auth:Token", "hvs.example-token-value"),
            ("Cloudinary:Accounts:media:Source", "Configuration"),
            ("Cloudinary:Accounts:media:Url", "cloudinary://123456789012345:media-secret@media"),
            ("Cloudinary:Accounts:media:Vault:Address", "http://not-loopback.example"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddVault();
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddVault();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Cloudinary:Accounts:marketing:Vault:Path is required", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("media", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudinary:Vault:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hvs.example-token-value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cloudinary:Accounts:marketing:Vault:Pth", "Cloudinary:Accounts:marketing:Vault:Path")]
    [InlineData("Cloudinary:Accounts:marketing:Vault:Auth:RolId", "Cloudinary:Accounts:marketing:Vault:Auth:RoleId")]
    public async Task NamedAccount_MisspeltKey_FailsStartNamingTheFullPathAndTheNearestName(string key, string nearest)
    {
        var builder = Builder(
            null,
            ("Cloudinary:Accounts:marketing:Source", "Configuration"),
            ("Cloudinary:Accounts:marketing:Url", "cloudinary://123456:abc@demo"),
            (key, "typo-value-example"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddVault();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains($"{key} is not a setting; did you mean {nearest}?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("typo-value-example", e.Message, StringComparison.Ordinal);
    }

    private static string? AccountOf(FakeLogRecord record) =>
        record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>()
            .SelectMany(s => s)
            .Where(p => p.Key == "SecureCloudinary.Account")
            .Select(p => p.Value as string)
            .FirstOrDefault();

    private static HostApplicationBuilder Builder(IDictionary<string, string?>? environment, params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddFakeLogging();
        var env = environment ?? new Dictionary<string, string?>();
        builder.Services.AddSingleton(new VaultEnvironment(name => env.TryGetValue(name, out var v) ? v : null));
        return builder;
    }
}
