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
    public async Task RunAsync_DoctorHelp_HasNoGenericAdditionalArgumentsTextAndNamesOverrides()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path, "doctor", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Arguments passed to the application that is being run.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Additional Arguments", result.Output, StringComparison.Ordinal);
        Assert.Contains("[--Section:Key=value ...]", result.Output, StringComparison.Ordinal);
        Assert.Contains("--trust-config", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeout", "doctor", "--timeout", "abc")]
    [InlineData("--timeout", "doctor", "--timeout", "0")]
    [InlineData("--timeout", "doctor", "--json", "--timeout", "1.5")]
    [InlineData("--max-file-size", "scan", "--max-file-size", "abc")]
    [InlineData("--max-file-size", "scan", "--max-file-size", "-1")]
    [InlineData("--parallelism", "scan", "--parallelism", "x")]
    [InlineData("--parallelism", "scan", "--parallelism", "0")]
    public async Task RunAsync_BadOptionValue_ExitsTwoWithOnePlainLine(string option, params string[] args)
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(NoEnvironment, dir.Path, args);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("Error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(option, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
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
