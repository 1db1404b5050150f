using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests;

public sealed class CliApplicationTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public async Task RunAsync_Help_PrintsDoctorUsageAndExitsZero()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path, "doctor", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--no-ping", result.Output, StringComparison.Ordinal);
        Assert.Contains("--json", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoCommand_ExitsWithConfigurationError()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCommandWithUrl_ExitsTwoWithoutEchoingSecret()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path, "cloudinary://1234:SENTINEL-SECRET@demo");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.DoesNotContain("SENTINEL-SECRET", result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NonPositiveTimeout_ExitsWithConfigurationError()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path, "doctor", "--timeout", "0");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("--timeout", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MistypedOption_ExitsTwoNamingIt()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path, "doctor", "--jsn");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("'--jsn'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MistypedOptionWithJson_PrintsJsonError()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path, "doctor", "--json", "positional");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.StartsWith("{\"source\":null,", result.Output, StringComparison.Ordinal);
        Assert.Contains("position 1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedAppSettings_ExitsTwoWithoutFileContent()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.json", "{ \"Cloudinary\": { \"ApiSecret\": SENTINEL-SECRET } }");

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("not valid JSON (line 1)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", result.AllText, StringComparison.Ordinal);
    }
}
