using System.Text.Json;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing.Conjur;

namespace SecureCloudinary.Cli.Tests.Doctor;

public sealed class DoctorConjurTests
{
    private const string Variable = "apps/cli/cloudinary url";

    [Fact]
    public async Task Doctor_ConjurSourceAgainstEmulators_ResolvesAndPings()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var conjur = await ConjurEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        var apiKey = conjur.AddHost("apps/cli");
        conjur.Permit("host/apps/cli", Variable);
        conjur.SetSecret(Variable, fixture.Emulator.Credentials.ToCloudinaryUrl());

        var result = await CliRunner.RunAsync(Environment(conjur, apiKey), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("Conjur", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(fixture.Emulator.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        Assert.StartsWith("content-", json.RootElement.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", json.RootElement.GetProperty("ping").GetString());
        Assert.DoesNotContain(apiKey, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ConjurDeniesTheVariable_FailsNamingExecuteWithoutSecrets()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var conjur = await ConjurEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        var apiKey = conjur.AddHost("apps/cli");
        conjur.Permit("host/apps/cli", Variable, ConjurPrivileges.Read);
        conjur.SetSecret(Variable, fixture.Emulator.Credentials.ToCloudinaryUrl());

        var result = await CliRunner.RunAsync(Environment(conjur, apiKey), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        Assert.Contains("'execute'", result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Login", "..")]
    [InlineData("Login", "host/apps//cli")]
    [InlineData("Variable", "apps/../other")]
    [InlineData("Account", ".")]
    public async Task Doctor_ConjurIdWithDotOrEmptySegment_IsAConfigurationError(string key, string value)
    {
        await using var conjur = await ConjurEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        var apiKey = conjur.AddHost("apps/cli");
        var environment = Environment(conjur, apiKey);
        environment["Cloudinary__Conjur__" + key] = value;

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains($"Cloudinary:Conjur:{key} must not", result.AllText, StringComparison.Ordinal);
        Assert.Empty(conjur.Requests);
        Assert.DoesNotContain(apiKey, result.AllText, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(ConjurEmulator conjur, string apiKey) => new()
    {
        ["Cloudinary__Source"] = "Conjur",
        ["Cloudinary__Conjur__ApplianceUrl"] = conjur.BaseAddress.ToString(),
        ["Cloudinary__Conjur__Account"] = conjur.Account,
        ["Cloudinary__Conjur__Login"] = "host/apps/cli",
        ["Cloudinary__Conjur__ApiKey"] = apiKey,
        ["Cloudinary__Conjur__Variable"] = Variable,
        ["Cloudinary__Conjur__MaxRetries"] = "0",
    };
}
