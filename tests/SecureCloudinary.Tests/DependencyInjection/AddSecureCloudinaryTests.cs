using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCloudinary.Internal;
using SecureCloudinary.Sources;

namespace SecureCloudinary.Tests.DependencyInjection;

public sealed class AddSecureCloudinaryTests
{
    private const string Url = "cloudinary://123456:abc@demo";

    [Fact]
    public void AddSecureCloudinary_CalledTwiceWithSameSection_AddsNothingTheSecondTime()
    {
        var configuration = TestHosts.Configuration();
        var services = new ServiceCollection();
        services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));
        var once = services.Count;

        services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));

        Assert.Equal(once, services.Count);
    }

    [Fact]
    public void AddSecureCloudinary_CalledTwiceWithSameDelegate_AddsNothingTheSecondTime()
    {
        var services = new ServiceCollection();
        Action<SecureCloudinaryOptions> configure = o => o.Source = "Configuration";
        services.AddSecureCloudinary(configure);
        var once = services.Count;

        services.AddSecureCloudinary(configure);

        Assert.Equal(once, services.Count);
    }

    [Fact]
    public void AddSecureCloudinary_BothOverloads_RegisterEachServiceOnce()
    {
        var configuration = TestHosts.Configuration();
        var services = new ServiceCollection();
        services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));
        services.AddSecureCloudinary(o => o.ChunkSize = 6_000_000);
        services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));

        Assert.Equal(1, Count<ICloudinaryCredentialProvider>(services));
        Assert.Equal(1, Count<CloudinaryClient>(services));
        Assert.Equal(1, Count<TimeProvider>(services));
        Assert.Equal(1, Count<SecureCloudinaryRegistration>(services));
        Assert.Equal(2, Count<IValidateOptions<SecureCloudinaryOptions>>(services)); // the option rules and the unknown-keys check
        Assert.Equal(1, services.Count(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CredentialStartupResolver)));
        Assert.Equal(2, Count<CredentialSourceRegistration>(services));
        Assert.Equal(2, Count<IConfigureOptions<SecureCloudinaryOptions>>(services)); // the section binding and the delegate
    }

    [Fact]
    public void AddSecureCloudinary_TimeProviderAlreadyRegistered_KeepsTheAppsOne()
    {
        var services = new ServiceCollection();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);

        services.AddSecureCloudinary(_ => { });

        Assert.Same(time, services.BuildServiceProvider().GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task GetRequiredService_ConfiguredContainer_ResolvesClientAndSingletonProvider()
    {
        await using var sp = TestHosts.Provider(null, ("Cloudinary:Source", "configuration"), ("Cloudinary:Url", Url));

        var provider = sp.GetRequiredService<ICloudinaryCredentialProvider>();
        var client = sp.GetRequiredService<CloudinaryClient>();
        var snapshot = await provider.GetSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(client);
        Assert.NotSame(client, sp.GetRequiredService<CloudinaryClient>());
        Assert.Same(provider, sp.GetRequiredService<ICloudinaryCredentialProvider>());
        Assert.Equal("Configuration", provider.SourceName);
        Assert.Equal("demo", snapshot.Credentials.CloudName);
    }

    [Fact]
    public async Task AddSecureCloudinary_ConfigurationRootPassed_UsesItsCloudinarySection()
    {
        var configuration = TestHosts.Configuration(("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", Url));
        var services = new ServiceCollection();
        services.AddSecureCloudinary(configuration);
        await using var sp = services.BuildServiceProvider();

        var snapshot = await sp.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Configuration", sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value.Source);
        Assert.Equal("123456", snapshot.Credentials.ApiKey);
    }

    [Fact]
    public async Task AddSecureCloudinary_ActionOverloadWithConfigurationSource_ReadsTheAppsCloudinarySection()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(TestHosts.Configuration(("Cloudinary:Url", Url)));
        services.AddSecureCloudinary(o => o.Source = ConfigurationCredentialSource.SourceName);
        await using var sp = services.BuildServiceProvider();

        var snapshot = await sp.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.Equal("demo", snapshot.Credentials.CloudName);
    }

    [Fact]
    public void Options_SettingsInSection_AreBound()
    {
        using var sp = TestHosts.Provider(
            null,
            ("Cloudinary:ChunkSize", "6000000"),
            ("Cloudinary:ChunkedUploadThreshold", "7000000"),
            ("Cloudinary:ApiBaseAddress", "https://api-eu.cloudinary.com"),
            ("Cloudinary:SignatureAlgorithm", "Sha256"),
            ("Cloudinary:MaxResponseBodyBytes", "4096"),
            ("Cloudinary:ResolveOnStart", "false"));

        var options = sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value;

        Assert.Equal("Environment", options.Source);
        Assert.Equal(6_000_000, options.ChunkSize);
        Assert.Equal(7_000_000, options.ChunkedUploadThreshold);
        Assert.Equal(new Uri("https://api-eu.cloudinary.com"), options.ApiBaseAddress);
        Assert.Equal(SignatureAlgorithm.Sha256, options.SignatureAlgorithm);
        Assert.Equal(4096, options.MaxResponseBodyBytes);
        Assert.False(options.ResolveOnStart);
    }

    [Fact]
    public async Task AddCredentialSource_CustomSourceSelected_IsUsed()
    {
        var custom = new CountingCredentialSource("Vault", () => new CredentialSnapshot(CloudinaryCredentials.Parse(Url), "7"));
        await using var sp = TestHosts.Provider(b => b.AddCredentialSource("Vault", _ => custom), ("Cloudinary:Source", "VAULT"));

        var snapshot = await sp.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.Equal("7", snapshot.Version);
        Assert.Equal(1, custom.Calls);
    }

    [Fact]
    public void AddCredentialSource_SameNameTwice_ReplacesTheFirst()
    {
        var services = new ServiceCollection();
        var builder = services.AddSecureCloudinary(_ => { });
        var before = services.Count;

        builder.AddCredentialSource("environment", _ => new CountingCredentialSource("Environment", () => throw new InvalidOperationException()));

        Assert.Equal(before, services.Count);
        Assert.Same(services, builder.Services);
    }

    [Fact]
    public void Arguments_Null_Throw()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddSecureCloudinary(TestHosts.Configuration()));
        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddSecureCloudinary(_ => { }));
        Assert.Throws<ArgumentNullException>("section", () => services.AddSecureCloudinary((IConfiguration)null!));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddSecureCloudinary((Action<SecureCloudinaryOptions>)null!));
        var builder = services.AddSecureCloudinary(_ => { });
        Assert.Throws<ArgumentException>("name", () => builder.AddCredentialSource(" ", _ => null!));
        Assert.Throws<ArgumentNullException>("factory", () => builder.AddCredentialSource("X", null!));
    }

    private static int Count<T>(IServiceCollection services) => services.Count(d => d.ServiceType == typeof(T));
}
