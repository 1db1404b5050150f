using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCloudinary.Conjur.Internal;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Conjur.Tests;

public sealed class ConjurDependencyInjectionTests
{
    private static readonly ConjurEnvironment NoEnvironment = new(_ => null);

    [Fact]
    public async Task AddConjur_SelectedByConfiguration_ResolvesTheEmulatorSecretAndPingsCloudinary()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: ct);
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, cloudinary.Credentials.ToCloudinaryUrl());
        var builder = Builder(
            ("Cloudinary:Source", "Conjur"),
            ("Cloudinary:Conjur:ApplianceUrl", kit.Emulator.BaseAddress.ToString()),
            ("Cloudinary:Conjur:Account", kit.Emulator.Account),
            ("Cloudinary:Conjur:Login", ConjurTestKit.Login),
            ("Cloudinary:Conjur:ApiKey", kit.ApiKey),
            ("Cloudinary:Conjur:Variable", ConjurTestKit.UrlVariable),
            ("Cloudinary:Conjur:MaxRetries", "1"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddConjur();
        using var host = builder.Build();
        await host.StartAsync(ct);

        var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(ct);
        var ping = await host.Services.GetRequiredService<CloudinaryClient>().PingAsync(ct);

        Assert.Equal(cloudinary.Credentials.ApiKey, snapshot.Credentials.ApiKey);
        Assert.Equal("ok", ping.Status);
        Assert.Equal(1, host.Services.GetRequiredService<IOptions<ConjurCredentialSourceOptions>>().Value.MaxRetries);
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task AddConjur_SelectedWithoutSettings_FailsStartNamingTheKeys()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = Builder(("Cloudinary:Source", "conjur"), ("Cloudinary:Conjur:Account", "myorg"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddConjur(o => o.ApplianceUrl = null);
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(ct));

        Assert.Contains("Cloudinary:Conjur:ApplianceUrl is required", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudinary:Conjur:Account is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddConjur_NotSelected_DoesNotValidateConjurSettings()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = Builder(("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", "cloudinary://123456789012345:Not-Conjur_ff@demo"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddConjur(o => o.ApplianceUrl = null);
        using var host = builder.Build();

        await host.StartAsync(ct);

        var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(ct);
        Assert.Equal("Configuration", host.Services.GetRequiredService<ICloudinaryCredentialProvider>().SourceName);
        Assert.Equal("demo", snapshot.Credentials.CloudName);
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task AddConjur_ConfiguredInCode_ReadsTheAppConfigurationAndCloudName()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set("k", "123456789012345");
        kit.Set("s", "Code-Secret_0102");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cloudinary:CloudName"] = "app-cloud",
            ["Cloudinary:Conjur:Variables:ApiKey"] = "k",
            ["Cloudinary:Conjur:Variables:ApiSecret"] = "s",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(NoEnvironment);
        services.AddSecureCloudinary(o => { o.Source = "Conjur"; o.ResolveOnStart = false; })
            .AddConjur(o =>
            {
                o.ApplianceUrl = kit.Emulator.BaseAddress;
                o.Account = kit.Emulator.Account;
                o.Login = ConjurTestKit.Login;
                o.ApiKey = kit.ApiKey;
            })
            .AddConjur();
        await using var provider = services.BuildServiceProvider();

        var snapshot = await provider.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(ct);

        Assert.Equal(new CloudinaryCredentials("app-cloud", "123456789012345", "Code-Secret_0102"), snapshot.Credentials);
    }

    private static HostApplicationBuilder Builder(params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddSingleton(NoEnvironment); // never the real environment, ~/.conjurrc or ~/.netrc
        return builder;
    }
}
