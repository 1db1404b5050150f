// The code README.md shows runs here, verbatim, against the loopback emulator. The snippet keeps the README's
// plain awaits (no cancellation token), so the analyzer asking for the test's token is off for this file.
#pragma warning disable xUnit1051

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Docs.Tests.Snippets;

public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task ProgramSnippet_UploadsAndSignsADeliveryUrl()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync();
        var photoPath = Path.Combine(Path.GetTempPath(), $"securecloudinary-docs-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(photoPath, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]);
        string[] args = ["--Cloudinary:Source=Configuration", "--Cloudinary:Url=" + emulator.Credentials.ToCloudinaryUrl(), "--Logging:LogLevel:Default=Warning"];
        try
        {
            // README.md, "Use it": keep this block and the README identical.
            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
            using var host = builder.Build();
            await host.StartAsync();   // stops here, naming the setting, if credentials are missing

            var cloudinary = host.Services.GetRequiredService<CloudinaryClient>();
            var uploaded = await cloudinary.UploadAsync(UploadRequest.FromFile(photoPath));
            var url = await cloudinary.BuildDeliveryUrlAsync(uploaded.PublicId!, new DeliveryUrlOptions { Signed = true });

            var asset = Assert.Single(emulator.Assets);
            Assert.Equal(asset.PublicId, uploaded.PublicId);
            Assert.Contains("/s--", url, StringComparison.Ordinal);
            Assert.EndsWith(uploaded.PublicId, url, StringComparison.Ordinal);
            await host.StopAsync();
        }
        finally
        {
            File.Delete(photoPath);
        }
    }
}
