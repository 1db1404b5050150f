using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Sources;

namespace SecureCloudinary.Tests.DependencyInjection;

public sealed class ResolveOnStartTests
{
    [Fact]
    public async Task StartAsync_ConfigurationSourceWithNothingSet_FailsNamingTheKeys()
    {
        var builder = TestHosts.Builder(("Cloudinary:Source", "Configuration"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("Cloudinary:Url", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:ApiSecret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SecretKeyMissing_FailsNamingThatKey()
    {
        var builder = TestHosts.Builder(
            ("Cloudinary:Source", "Configuration"), ("Cloudinary:CloudName", "demo"), ("Cloudinary:ApiKey", "123456"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("Cloudinary:ApiSecret is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_EnvironmentSourceWithNothingSet_FailsNamingTheVariables()
    {
        var builder = TestHosts.Builder();
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"))
            .AddCredentialSource("Environment", _ => new EnvironmentCredentialSource(_ => null));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Environment", e.SourceName);
        Assert.Contains("CLOUDINARY_URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ValidSettings_ResolvesCredentialsOnceAndLogsTheLoad()
    {
        var source = new CountingCredentialSource("Test", () => new CredentialSnapshot(new CloudinaryCredentials("demo", "123456", "abc")));
        var builder = TestHosts.Builder(("Cloudinary:Source", "Test"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddCredentialSource("Test", _ => source);
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        var client = host.Services.GetRequiredService<CloudinaryClient>();
        await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(client);
        Assert.Equal(1, source.Calls);
        var loaded = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 1000);
        Assert.Equal(LogLevel.Information, loaded.Level);
        Assert.Contains("demo", loaded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ResolveOnStartFalse_StartsAndTheFirstCallResolves()
    {
        var source = new CountingCredentialSource("Test", () => new CredentialSnapshot(new CloudinaryCredentials("demo", "123456", "abc")));
        var builder = TestHosts.Builder(("Cloudinary:Source", "Test"), ("Cloudinary:ResolveOnStart", "false"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddCredentialSource("Test", _ => source);
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        var callsAfterStart = source.Calls;
        await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, callsAfterStart);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task StartAsync_ResolveOnStartFalseAndNothingSet_StartsAndTheFirstCallThrows()
    {
        var builder = TestHosts.Builder(("Cloudinary:Source", "Configuration"), ("Cloudinary:ResolveOnStart", "false"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        var provider = host.Services.GetRequiredService<ICloudinaryCredentialProvider>();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(
            () => provider.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
