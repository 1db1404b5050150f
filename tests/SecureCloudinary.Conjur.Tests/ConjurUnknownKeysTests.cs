using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCloudinary.Conjur.Internal;

namespace SecureCloudinary.Conjur.Tests;

public sealed class ConjurUnknownKeysTests
{
    [Theory]
    [InlineData("Cloudinary:Conjur:Acount", "Cloudinary:Conjur:Account")]
    [InlineData("Cloudinary:Conjur:Variables:ApiKy", "Cloudinary:Conjur:Variables:ApiKey")]
    public async Task StartAsync_MisspeltConjurKey_FailsNamingThePathAndTheNearestNameButNotTheValue(string key, string nearest)
    {
        using var host = Build((key, "typo-value-example"));

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"{key} is not a setting; did you mean {nearest}?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("typo-value-example", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_KnownConjurKeys_Starts()
    {
        using var host = Build(("Cloudinary:Conjur:Account", "myorg"), ("Cloudinary:Conjur:Variables:ApiKey", "cloudinary/api-key"));

        await host.StartAsync(TestContext.Current.CancellationToken);

        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static IHost Build(params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            values.Concat<(string Key, string? Value)>([("Cloudinary:Source", "Configuration"), ("Cloudinary:Url", "cloudinary://123456:abc@demo")])
                .Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddSingleton(new ConjurEnvironment(_ => null));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddConjur();
        return builder.Build();
    }
}
