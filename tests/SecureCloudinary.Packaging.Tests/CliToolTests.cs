using System.Text.Json;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Packaging.Tests;

/// <summary>Installs the packed tool into a temp tool path and runs it, as a user would.</summary>
public sealed class CliToolTests(PackedPackages packed)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task InstalledTool_VersionAndDoctorAgainstEmulator_Succeed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        packed.AssertPacked();
        var work = Directory.CreateDirectory(Path.Combine(packed.Root, "tool")).FullName;
        var toolPath = Path.Combine(work, "bin");
        packed.WriteNuGetConfig(work);

        var install = await ProcessRunner.RunAsync(
            PackedPackages.DotnetHost,
            ["tool", "install", "SecureCloudinary.Cli", "--tool-path", toolPath, "--add-source", packed.PackageFolder,
             "--version", packed.Version, "--ignore-failed-sources"],
            work, packed.ConsumerEnvironment("tool"), ToolTimeout, cancellationToken);
        Assert.True(install.ExitCode == 0, install.Describe());

        var tool = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "secure-cloudinary.exe" : "secure-cloudinary");
        Assert.True(File.Exists(tool), "the tool's command secure-cloudinary was not installed");
        var runEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_ROOT"] = PackedPackages.DotnetRoot };

        var version = await ProcessRunner.RunAsync(tool, ["--version"], work, runEnvironment, ToolTimeout, cancellationToken);
        Assert.True(version.ExitCode == 0, version.Describe());
        Assert.StartsWith(packed.Version, version.Output.Trim(), StringComparison.Ordinal);

        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: cancellationToken);
        var secretUrl = emulator.Credentials.ToCloudinaryUrl();
        var doctorEnvironment = new Dictionary<string, string>(runEnvironment, StringComparer.Ordinal)
        {
            ["Cloudinary__Source"] = "Configuration",
            ["Cloudinary__Url"] = secretUrl,
        };
        string Mask(string text) => text
            .Replace(secretUrl, "[cloudinary-url]", StringComparison.Ordinal)
            .Replace(emulator.Credentials.ApiSecret, "[api-secret]", StringComparison.Ordinal);

        var doctor = await ProcessRunner.RunAsync(tool, ["doctor", "--json"], work, doctorEnvironment, ToolTimeout, cancellationToken);

        Assert.True(doctor.ExitCode == 0, doctor.Describe(Mask));
        Assert.DoesNotContain(emulator.Credentials.ApiSecret, doctor.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("cloudinary://", doctor.AllText, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(doctor.Output);
        var report = json.RootElement;
        Assert.Equal("Configuration", report.GetProperty("source").GetString());
        Assert.Equal(emulator.CloudName, report.GetProperty("cloudName").GetString());
        Assert.Equal(emulator.Credentials.Fingerprint, report.GetProperty("fingerprint").GetString());
        Assert.Equal("ok", report.GetProperty("ping").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);
        Assert.Contains(emulator.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal) && r.StatusCode == 200);
    }
}
