using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

public sealed class VerifyTests
{
    [Fact]
    public async Task Verify_LiveDisabledAndIncompleteKeys_SaysSoPlainly()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var emulator = fixture.Emulator;
        var live = emulator.AddApiKey("111222333444555", "Lv7Qm2XkR9wTn4BpZ6sHcJ3dFg8");
        var disabled = emulator.AddApiKey("666777888999000", "Dz3Kq8WmT5xRn2LpV7sYcH4jGf9");
        emulator.DisableApiKey(disabled.ApiKey);
        using var dir = new TempDirectory();
        dir.WriteFile("live.py", $"cloudinary.config(\n  cloud_name=\"{emulator.CloudName}\",\n  api_key=\"{live.ApiKey}\",\n  api_secret=\"{live.ApiSecret}\")\n");
        dir.WriteFile("disabled.env", $"CLOUDINARY_URL=cloudinary://{disabled.ApiKey}:{disabled.ApiSecret}@{emulator.CloudName}\n");
        dir.WriteFile("alone.env", "CLOUDINARY_API_SECRET=Xw4Rt9LmQ2vNk7BpZ5sHcJ8dFg6\n");

        var result = await ScanCli.RunAsync(dir.Path, emulator.BaseAddress, "--verify");

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal(
            [
                "    verify: not checked: no API key or cloud name was found next to this secret.",
                "    verify: not live: Cloudinary rejected this key (HTTP 401).",
                $"    verify: LIVE: Cloudinary accepted this key (cloud {emulator.CloudName}, key ...4555). Rotate the secret now.",
            ],
            lines.Where(l => l.StartsWith("    verify:", StringComparison.Ordinal)));
        Assert.Equal(2, emulator.Requests.Count(r => r.Path.EndsWith("/ping", StringComparison.Ordinal)));
        ScanCli.AssertNoSecret(result.AllText, live.ApiSecret, disabled.ApiSecret, "Xw4Rt9LmQ2vNk7BpZ5sHcJ8dFg6");
    }

    [Fact]
    public async Task Scan_WithoutVerify_SendsNothing()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var live = fixture.Emulator.Credentials;
        using var dir = new TempDirectory();
        dir.WriteFile("app.env", $"CLOUDINARY_URL=cloudinary://{live.ApiKey}:Lv7Qm2XkR9wTn4BpZ6sHcJ3dFg8@{live.CloudName}\n");

        var result = await ScanCli.RunAsync(dir.Path, fixture.Emulator.BaseAddress);

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.DoesNotContain("verify:", result.Output, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Requests);
    }
}
