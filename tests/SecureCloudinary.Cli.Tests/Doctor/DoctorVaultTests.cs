using System.Text.Json;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Cli.Tests.Doctor;

public sealed class DoctorVaultTests
{
    private const string SecretId = "Cli-AppRole-SecretId_5a6b7c8d";

    [Fact]
    public async Task Doctor_VaultSourceAgainstEmulators_ResolvesAndPings()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var vault = await StartVaultAsync(fixture, "secret/data/cloudinary/cli");
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(Environment(vault), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("Vault", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(fixture.Emulator.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        Assert.Equal("1", json.RootElement.GetProperty("version").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("ping").GetString());
        Assert.DoesNotContain(SecretId, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_VaultDeniesTheSecret_FailsNamingTheReadCapabilityWithoutSecrets()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var vault = await StartVaultAsync(fixture, "secret/data/somewhere/else");
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(Environment(vault), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        Assert.Contains("'read' on 'secret/data/cloudinary/cli'", result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretId, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_VaultSelectedWithoutSettings_ExitsTwoNamingTheKeys()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Cloudinary__Source"] = "Vault" }, dir.Path, "doctor");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("Cloudinary:Vault:Path is required", result.Error, StringComparison.Ordinal);
    }

    private static async Task<VaultEmulator> StartVaultAsync(EmulatorFixture fixture, string readPath)
    {
        var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.SetPolicy("cli", readPath);
        vault.AddAppRole("cli-role", SecretId, new VaultTokenSpec { Policies = ["default", "cli"] });
        vault.WriteSecret("secret", "cloudinary/cli", new Dictionary<string, string> { ["url"] = fixture.Emulator.Credentials.ToCloudinaryUrl() });
        return vault;
    }

    private static Dictionary<string, string?> Environment(VaultEmulator vault) => new()
    {
        ["Cloudinary__Source"] = "Vault",
        ["Cloudinary__Vault__Address"] = vault.Address.ToString(),
        ["Cloudinary__Vault__Path"] = "cloudinary/cli",
        ["Cloudinary__Vault__Auth__Method"] = "AppRole",
        ["Cloudinary__Vault__Auth__RoleId"] = "cli-role",
        ["Cloudinary__Vault__Auth__SecretId"] = SecretId,
        ["Cloudinary__Vault__MaxRetries"] = "0",
    };
}
