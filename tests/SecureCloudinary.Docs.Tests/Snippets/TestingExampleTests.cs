using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Docs.Tests.Snippets;

/// <summary>Runs the "test your own code" example of docs/getting-started.md.</summary>
public sealed class TestingExampleTests
{
    [Fact]
    public async Task EmulatorSnippet_PointsTheClientAtTheEmulator()
    {
        var ct = TestContext.Current.CancellationToken;
        var configuration = new ConfigurationManager();

        // docs/getting-started.md, "Test your own code"
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: ct);
        configuration["Cloudinary:Source"] = "Configuration";
        configuration["Cloudinary:Url"] = emulator.Credentials.ToCloudinaryUrl();   // includes upload_prefix=<emulator>

        var services = new ServiceCollection().AddLogging();
        services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));
        await using var provider = services.BuildServiceProvider();
        var ping = await provider.GetRequiredService<CloudinaryClient>().PingAsync(ct);

        Assert.Equal("ok", ping.Status);
        Assert.Contains(emulator.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal));
    }
}
