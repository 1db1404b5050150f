using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault.Tests;

public sealed class UnknownKeysTests
{
    [Theory]
    [InlineData("Cloudinary:Vault:Pth", "Cloudinary:Vault:Path")]
    [InlineData("Cloudinary:Vault:Auth:RolId", "Cloudinary:Vault:Auth:RoleId")]
    [InlineData("Cloudinary:Vault:Fields:ApiScret", "Cloudinary:Vault:Fields:ApiSecret")]
    public async Task StartAsync_MisspeltVaultKey_FailsNamingThePathAndTheNearestNameButNotTheValue(string key, string nearest)
    {
        using var host = Build((key, "typo-value-example"));

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"{key} is not a setting; did you mean {nearest}?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("typo-value-example", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_KnownVaultKeys_Starts()
    {
        using var host = Build(("Cloudinary:Vault:Auth:Method", "AppRole"), ("Cloudinary:Vault:Auth:ROLEID", "keys are case-insensitive"), ("Cloudinary:Vault:Fields:ApiSecret", "secret"));

        await host.StartAsync(TestContext.Current.CancellationToken);

        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static IHost Build(params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            values.Concat<(string Key, string? Value)>([("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", "cloudinary://123456:abc@demo")])
                .Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddSingleton(new VaultEnvironment(_ => null));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddVault();
        return builder.Build();
    }
}
