using SecureCloudinary.Cli.Configuration;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Configuration;

public sealed class CliConfigurationTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void Build_NoFiles_ReadsEnvironmentWithDoubleUnderscoreAsColon()
    {
        using var dir = new TempDirectory();

        var config = CliConfiguration.Build(new Dictionary<string, string?> { ["Cloudinary__Source"] = "Configuration" }, dir.Path, null, []);

        Assert.Equal("Configuration", config["Cloudinary:Source"]);
    }

    [Fact]
    public void Build_Precedence_FileThenEnvironmentFileThenVariablesThenOverrides()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.json", """{ "Cloudinary": { "A": "file", "B": "file", "C": "file", "D": "file" } }""");
        dir.WriteFile("appsettings.Staging.json", """{ "Cloudinary": { "B": "staging", "C": "staging", "D": "staging" } }""");
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Staging",
            ["Cloudinary__C"] = "env",
            ["Cloudinary__D"] = "env",
        };

        var config = CliConfiguration.Build(environment, dir.Path, null, [new("Cloudinary:D", "override")]);

        Assert.Equal(["file", "staging", "env", "override"], new[] { config["Cloudinary:A"], config["Cloudinary:B"], config["Cloudinary:C"], config["Cloudinary:D"] });
    }

    [Fact]
    public void Build_ExplicitEnvironmentName_WinsOverVariable()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.Development.json", """{ "Cloudinary": { "Source": "Configuration" } }""");

        var config = CliConfiguration.Build(new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production" }, dir.Path, "Development", []);

        Assert.Equal("Configuration", config["Cloudinary:Source"]);
    }

    [Fact]
    public void Build_DotnetPrefixedVariable_IsReadBelowAppSettings()
    {
        using var dir = new TempDirectory();

        var config = CliConfiguration.Build(new Dictionary<string, string?> { ["DOTNET_Cloudinary__Source"] = "Configuration" }, dir.Path, null, []);

        Assert.Equal("Configuration", config["Cloudinary:Source"]);
    }

    [Theory]
    [InlineData(null, null, "Production")]
    [InlineData("Development", null, "Development")]
    [InlineData(null, "Staging", "Staging")]
    [InlineData("Development", "Staging", "Development")]
    public void ResolveEnvironmentName_Variables_FollowsHostRules(string? dotnet, string? aspnetcore, string expected)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = dotnet, ["ASPNETCORE_ENVIRONMENT"] = aspnetcore };

        Assert.Equal(expected, CliConfiguration.ResolveEnvironmentName(environment));
    }

    [Fact]
    public void Build_MalformedJson_ThrowsNamingFileAndLineWithoutContent()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.json", "{\n  \"Cloudinary\": {\n    \"ApiSecret\": SENTINEL\n  }\n}");

        var ex = Assert.Throws<ConfigurationLoadException>(() => CliConfiguration.Build(NoEnvironment, dir.Path, null, []));

        Assert.Contains("appsettings.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingDirectory_Throws()
    {
        var missing = Path.Combine(Path.GetTempPath(), "sc-cli-missing-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<ConfigurationLoadException>(() => CliConfiguration.Build(NoEnvironment, missing, null, []));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
