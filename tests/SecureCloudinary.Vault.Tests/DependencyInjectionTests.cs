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

public sealed class DependencyInjectionTests
{
    private static HostApplicationBuilder Builder(IDictionary<string, string?>? environment, params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddFakeLogging();
        var env = environment ?? new Dictionary<string, string?>();
        builder.Services.AddSingleton(new VaultEnvironment(name => env.TryGetValue(name, out var v) ? v : null));
        return builder;
    }

    [Fact]
    public async Task AddVault_SelectedFromConfiguration_ResolvesAndPingsTheCloudinaryEmulator()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: ct);
        vault.SetPolicy("app", "secret/data/cloudinary/prod");
        vault.AddAppRole("app-role", "app-secret", new VaultTokenSpec { Policies = ["app"] });
        var version = vault.WriteSecret("secret", "cloudinary/prod", new Dictionary<string, string> { ["url"] = cloudinary.Credentials.ToCloudinaryUrl() });
        var builder = Builder(null,
            ("Cloudinary:Source", "Vault"),
            ("Cloudinary:Vault:Address", vault.Address.ToString()),
            ("Cloudinary:Vault:Path", "cloudinary/prod"),
            ("Cloudinary:Vault:Auth:Method", "AppRole"),
            ("Cloudinary:Vault:Auth:RoleId", "app-role"),
            ("Cloudinary:Vault:Auth:SecretId", "app-secret"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddVault();
        using var host = builder.Build();
        await host.StartAsync(ct);

        var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(ct);
        var ping = await host.Services.GetRequiredService<CloudinaryClient>().PingAsync(ct);
        await host.StopAsync(ct);

        Assert.Equal("Vault", host.Services.GetRequiredService<ICloudinaryCredentialProvider>().SourceName);
        Assert.Equal(cloudinary.Credentials.ApiKey, snapshot.Credentials.ApiKey);
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), snapshot.Version);
        Assert.Equal("ok", ping.Status);
        Assert.Contains(cloudinary.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal) && r.StatusCode == 200 && r.ApiKey == cloudinary.Credentials.ApiKey);
    }

    [Fact]
    public async Task AddVault_WithConfigureDelegateAndEnvironmentFallbacks_UsesVaultAddrAndVaultToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: ct);
        vault.WriteSecret("secret", "cloudinary/dev", VaultTestKit.Fields(VaultTestKit.Credentials));
        var env = new Dictionary<string, string?> { ["VAULT_ADDR"] = vault.Address.ToString(), ["VAULT_TOKEN"] = vault.RootToken };
        var builder = Builder(env, ("Cloudinary:Source", "Vault"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddVault(v => v.Path = "cloudinary/dev");
        using var host = builder.Build();
        await host.StartAsync(ct);

        var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
    }

    [Fact]
    public void EnvironmentFallback_ConfigurationWins_AndSkipVerifyParsesLikeGo()
    {
        var env = new Dictionary<string, string?>
        {
            ["VAULT_ADDR"] = "https://from-env:8200",
            ["VAULT_NAMESPACE"] = "admin",
            ["VAULT_SKIP_VERIFY"] = "false",
            ["VAULT_TOKEN"] = "env-token",
        };
        var builder = Builder(env, ("Cloudinary:Vault:Address", "https://from-config:8200"), ("Cloudinary:Vault:Path", "p"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddVault();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<VaultCredentialSourceOptions>>().Value;

        Assert.Equal("from-config", options.Address!.Host);
        Assert.Equal("admin", options.Namespace);
        Assert.False(options.SkipTlsVerify);
        Assert.Equal("env-token", options.Auth.Token);
    }

    [Fact]
    public async Task AddVault_AnotherSourceSelected_DoesNotValidateVaultSettings()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = Builder(null,
            ("Cloudinary:Source", "Configuration"),
            ("Cloudinary:ResolveOnStart", "false"),
            ("Cloudinary:Vault:Address", "http://not-loopback.example.com"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddVault();
        using var host = builder.Build();

        await host.StartAsync(ct);
        await host.StopAsync(ct);

        Assert.Equal("Configuration", host.Services.GetRequiredService<ICloudinaryCredentialProvider>().SourceName);
    }

    [Fact]
    public async Task AddVault_SelectedWithBadSettings_FailsStartNamingEveryKey()
    {
        var ct = TestContext.Current.CancellationToken;
        var env = new Dictionary<string, string?> { ["VAULT_ADDR"] = "not a url" };
        var builder = Builder(env, ("Cloudinary:Source", "vault"), ("Cloudinary:Vault:Auth:Method", "AppRole"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddVault();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(ct));

        Assert.Contains("The VAULT_ADDR environment variable (used because Cloudinary:Vault:Address is not set) is not an absolute URL.", e.Failures);
        Assert.Contains(e.Failures, f => f.StartsWith("Cloudinary:Vault:Path is required", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Cloudinary:Vault:Auth:RoleId is required", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Failures, f => f.Contains("not a url", StringComparison.Ordinal));
    }

    [Fact]
    public void SkipTlsVerify_LogsAWarning()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var options = new VaultCredentialSourceOptions { SkipTlsVerify = true };

        using var handler = VaultHttpHandlerFactory.Create(options, factory.CreateLogger("t"));

        Assert.False(handler.AllowAutoRedirect);
        var record = Assert.Single(collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(1204, record.Id.Id);
    }

    [Fact]
    public void AddVault_CalledTwiceWithoutAnyConfiguration_RegistersOnceAndAppliesTheDelegate()
    {
        var services = new ServiceCollection();
        services.AddSecureCloudinary(o => o.Source = "Vault").AddVault().AddVault(v =>
        {
            v.Path = "x";
            v.Address = new Uri("http://127.0.0.1:8200");
            v.Auth.Token = "t";
        });

        Assert.Single(services, d => d.ServiceType == typeof(VaultCredentialSource));
        Assert.Single(services, d => d.ImplementationType == typeof(VaultOptionsValidator));
        using var provider = services.BuildServiceProvider();
        Assert.Equal("x", provider.GetRequiredService<IOptionsMonitor<VaultCredentialSourceOptions>>().Get(Options.DefaultName).Path);
    }
}
