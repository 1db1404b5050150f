using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureCloudinary.Tests.DependencyInjection;

public sealed class UnknownKeysTests
{
    private const string Url = "cloudinary://123456:abc@demo";

    [Fact]
    public async Task StartAsync_MisspeltCoreKey_FailsNamingThePathAndTheNearestNameButNotTheValue()
    {
        var builder = TestHosts.Builder(("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", Url), ("Cloudinary:RefreshIntervall", "00:01:07"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Cloudinary:RefreshIntervall is not a setting; did you mean Cloudinary:RefreshInterval?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("00:01:07", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SectionOfABackendNotRegistered_IsUnknown()
    {
        var builder = TestHosts.Builder(("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", Url), ("Cloudinary:Vault:Path", "p"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Cloudinary:Vault is not a setting", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_KnownKeysOnly_Starts()
    {
        var builder = TestHosts.Builder(
            ("Cloudinary:Source", "Configuration"),
            ("Cloudinary:Url", Url),
            ("Cloudinary:refreshinterval", "00:01:00"),
            ("Cloudinary:MaxStaleness", "Infinite"),
            ("Cloudinary:Provisioning:AccountUrl", "account://key:secret@account"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromMinutes(1), host.Services.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value.RefreshInterval);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartAsync_SectionOfACustomSource_IsNotChecked()
    {
        var builder = TestHosts.Builder(("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", Url), ("Cloudinary:MyStore:Anything", "x"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"))
            .AddCredentialSource("MyStore", _ => throw new InvalidOperationException("not selected"));
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);

        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
