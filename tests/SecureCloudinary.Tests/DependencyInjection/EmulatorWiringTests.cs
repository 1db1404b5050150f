using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Tests.DependencyInjection;

public sealed class EmulatorWiringTests
{
    [Fact]
    public async Task CloudinaryClient_FromStartedHost_PingsAndUploadsToTheEmulator()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var builder = TestHosts.Builder(
            ("Cloudinary:Source", "Configuration"),
            ("Cloudinary:Url", emulator.Credentials.ToCloudinaryUrl()));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        var client = host.Services.GetRequiredService<CloudinaryClient>();
        var ping = await client.PingAsync(TestContext.Current.CancellationToken);
        using var stream = new MemoryStream([1, 2, 3, 4]);
        var request = UploadRequest.FromStream(stream, "tiny.bin");
        request.ResourceType = "raw";
        request.PublicId = "di/tiny";
        var upload = await client.UploadAsync(request, TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("ok", ping.Status);
        Assert.Contains(emulator.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal) && r.StatusCode == 200 && r.ApiKey == emulator.Credentials.ApiKey);
        Assert.Equal("di/tiny", upload.PublicId);
        Assert.NotNull(emulator.FindAsset("di/tiny", "raw"));
    }
}
