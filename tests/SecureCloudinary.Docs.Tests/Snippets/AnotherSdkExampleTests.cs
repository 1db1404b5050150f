using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Docs.Tests.Snippets;

/// <summary>Runs the code of docs/using-another-cloudinary-sdk.md and the change-token example of docs/rotation.md.</summary>
public sealed class AnotherSdkExampleTests
{
    [Fact]
    public async Task RotatingClient_IsRebuiltWhenCloudinaryRejectsTheOldKey()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Cloudinary:Source"] = "Configuration";
        builder.Configuration["Cloudinary:Url"] = emulator.Credentials.ToCloudinaryUrl();

        // docs/using-another-cloudinary-sdk.md, "Register the client"
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        builder.Services.AddSecureCloudinaryClient(credentials =>
            new OtherSdkClient(credentials.CloudName, credentials.ApiKey, credentials.ApiSecret));
        builder.Services.AddSingleton<ImageService>();

        var host = builder.Build();
        OtherSdkClient first;
        OtherSdkClient second;
        try
        {
            await host.StartAsync(ct);
            var images = host.Services.GetRequiredService<ImageService>();
            var rotating = host.Services.GetRequiredService<RotatingCloudinaryClient<OtherSdkClient>>();
            first = await rotating.GetClientAsync(ct);
            Assert.Same(first, await rotating.GetClientAsync(ct));
            Assert.Equal(emulator.Credentials.ApiKey, await images.CurrentKeyAsync(ct));
            Assert.True(first.HasSecret);

            // docs/rotation.md, "Reacting to rotation in your own code"
            var rotations = 0;
            var provider = host.Services.GetRequiredService<ICloudinaryCredentialProvider>();
            using var subscription = ChangeToken.OnChange(provider.GetChangeToken, () => Interlocked.Increment(ref rotations));

            // Rotate as the runbook does: the new key goes to the store, then the old one is disabled at Cloudinary.
            var newKey = emulator.AddApiKey();
            host.Services.GetRequiredService<IConfiguration>()["Cloudinary:Url"] = newKey.ToCloudinaryUrl();
            emulator.DisableApiKey(emulator.Credentials.ApiKey);
            var ping = await host.Services.GetRequiredService<CloudinaryClient>().PingAsync(ct); // 401, refresh, repeated

            Assert.Equal("ok", ping.Status);
            Assert.Equal(1, Volatile.Read(ref rotations));
            Assert.Equal(newKey.ApiKey, await images.CurrentKeyAsync(ct));
            second = await rotating.GetClientAsync(ct);
            Assert.NotSame(first, second);
            Assert.False(first.IsDisposed);
            await host.StopAsync(ct);
        }
        finally
        {
            host.Dispose();
        }

        Assert.True(second.IsDisposed);
        Assert.False(first.IsDisposed);
    }
}
