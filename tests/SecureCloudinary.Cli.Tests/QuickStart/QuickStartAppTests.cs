using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using QuickStart;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.QuickStart;

public sealed class QuickStartAppTests
{
    [Fact]
    public async Task RunAsync_NothingConfigured_UsesEmulatorAndExitsZero()
    {
        using var output = new StringWriter();

        var exitCode = await QuickStartApp.RunAsync(EmptyBuilder(), output, TestContext.Current.CancellationToken);

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.True(exitCode == 0, output.ToString());
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("No CLOUDINARY_URL set: using a local Cloudinary emulator at http://127.0.0.1:", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^Uploaded secure-cloudinary-quickstart-[0-9a-f]{12} \(\d+ bytes, png\)\.$", lines[1]);
        Assert.Matches(@"^Signed delivery URL: https://res\.cloudinary\.com/emulated/image/upload/s--[A-Za-z0-9_-]{8}--/v\d+/secure-cloudinary-quickstart-[0-9a-f]{12}\.png$", lines[2]);
        Assert.Equal(
            "  (cloud 'emulated' exists only in the local emulator: this URL shows the signed format but does not open; set CLOUDINARY_URL for one that does.)",
            lines[3]);
        Assert.Matches(@"^Destroyed secure-cloudinary-quickstart-[0-9a-f]{12}: ok\.$", lines[4]);
        Assert.DoesNotContain("cloudinary://", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AccountConfigured_UsesItWithoutStartingAnEmulator()
    {
        await using var fixture = await EmulatorFixture.StartAsync(); // stands in for the real account
        var builder = EmptyBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cloudinary:Source"] = "Configuration",
            ["Cloudinary:Url"] = fixture.Emulator.Credentials.ToCloudinaryUrl(),
        });
        using var output = new StringWriter();

        var exitCode = await QuickStartApp.RunAsync(builder, output, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, output.ToString());
        Assert.DoesNotContain("emulator", output.ToString(), StringComparison.Ordinal);
        var publicId = Regex.Match(output.ToString(), "Uploaded (\\S+) ").Groups[1].Value;
        Assert.Contains(fixture.Emulator.Requests, r => r.Method == "POST" && r.Path.EndsWith("/image/upload", StringComparison.Ordinal) && r.StatusCode == 200);
        Assert.Contains(fixture.Emulator.Requests, r => r.Path.EndsWith("/image/destroy", StringComparison.Ordinal) && r.StatusCode == 200);
        Assert.Null(fixture.Emulator.FindAsset(publicId));
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RejectedCredentials_ExitsOneWithOneClearLine()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        fixture.Emulator.DisableApiKey(fixture.Emulator.Credentials.ApiKey);
        var builder = EmptyBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cloudinary:Source"] = "Configuration",
            ["Cloudinary:Url"] = fixture.Emulator.Credentials.ToCloudinaryUrl(),
        });
        using var output = new StringWriter();

        var exitCode = await QuickStartApp.RunAsync(builder, output, TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("QuickStart failed: Cloudinary rejected the credentials (HTTP 401)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SourceSelectedButEmpty_ExitsOneNamingTheProblem()
    {
        var builder = EmptyBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cloudinary:Source"] = "Configuration" });
        using var output = new StringWriter();

        var exitCode = await QuickStartApp.RunAsync(builder, output, TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Contains("Cloudinary:Url", output.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("QuickStart failed: credential source failed (NotFound)", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CLOUDINARY_URL", true)]
    [InlineData("CLOUDINARY_CLOUD_NAME", true)]
    [InlineData("Cloudinary:Url", true)]
    [InlineData("Cloudinary:CloudName", true)]
    [InlineData("Cloudinary:Source", true)]
    [InlineData("Cloudinary:ChunkSize", false)]
    public void HasAccount_Key_DecidesAccountOrEmulator(string key, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "x" }).Build();

        Assert.Equal(expected, QuickStartApp.HasAccount(configuration));
    }

    // No environment variables or appsettings: the test must not depend on the machine's CLOUDINARY_URL.
    private static HostApplicationBuilder EmptyBuilder() => Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
}
