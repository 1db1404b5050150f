using System.Text.Json;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Cli.Tests.Doctor;

/// <summary>
/// Issue 11 item 5: an endpoint a file in the checked folder names is not contacted with credentials from
/// elsewhere unless the user passes --trust-config; doctor says which hosts it contacted.
/// </summary>
public sealed class DoctorEndpointTrustTests
{
    [Fact]
    public async Task Doctor_ApiBaseAddressFromFileWithCloudinaryUrlFromEnvironment_ExitsTwoWithoutContactingIt()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var attacker = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var address = attacker.Emulator.BaseAddress;
        dir.WriteFile("appsettings.json", JsonSerializer.Serialize(new { Cloudinary = new { ApiBaseAddress = address.ToString() } }));
        var environment = new Dictionary<string, string?> { ["CLOUDINARY_URL"] = fixture.Emulator.Credentials.ToCloudinaryUrl() };

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Empty(attacker.Emulator.Requests);
        Assert.Empty(fixture.Emulator.Requests);
        using var json = JsonDocument.Parse(result.Output);
        var error = json.RootElement.GetProperty("error").GetString()!;
        Assert.Contains(Path.Combine(dir.Path, "appsettings.json"), error, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:ApiBaseAddress", error, StringComparison.Ordinal);
        Assert.Contains($"{address.Host}:{address.Port}", error, StringComparison.Ordinal);
        Assert.Contains("--trust-config", error, StringComparison.Ordinal);
        Assert.Equal(0, json.RootElement.GetProperty("endpoints").GetArrayLength());
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ApiBaseAddressFromFileWithTrustConfig_ContactsItAndListsIt()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var other = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var address = other.Emulator.BaseAddress;
        dir.WriteFile("appsettings.json", JsonSerializer.Serialize(new { Cloudinary = new { ApiBaseAddress = address.ToString() } }));
        var environment = new Dictionary<string, string?> { ["CLOUDINARY_URL"] = fixture.Emulator.Credentials.ToCloudinaryUrl() };

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json", "--trust-config");

        // The other emulator does not know the key: the ping reaches it and fails with 401.
        Assert.Equal(ExitCodes.CloudinaryFailed, result.ExitCode);
        Assert.Contains(other.Emulator.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal));
        Assert.Empty(fixture.Emulator.Requests);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("Environment", json.RootElement.GetProperty("source").GetString());
        var endpoints = json.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal([address.GetLeftPart(UriPartial.Authority)], endpoints);
    }

    [Fact]
    public async Task Doctor_TrustConfig_IsRememberedUntilTheFileChanges()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        using var userConfig = new TempDirectory();
        var settings = JsonSerializer.Serialize(new { Cloudinary = new { ApiBaseAddress = fixture.Emulator.BaseAddress.ToString() } });
        dir.WriteFile("appsettings.json", settings);
        var environment = new Dictionary<string, string?>
        {
            ["CLOUDINARY_URL"] = fixture.Emulator.Credentials.ToCloudinaryUrl(),
            ["XDG_CONFIG_HOME"] = userConfig.Path,
        };

        var trusted = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json", "--trust-config");
        var remembered = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");
        dir.WriteFile("appsettings.json", settings + "\n");
        var changed = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, trusted.ExitCode);
        Assert.Equal(ExitCodes.Ok, remembered.ExitCode);
        Assert.Equal(ExitCodes.ConfigurationError, changed.ExitCode);
        Assert.Equal(2, fixture.Emulator.Requests.Count(r => r.Path.EndsWith("/ping", StringComparison.Ordinal)));
        var store = File.ReadAllText(Path.Combine(userConfig.Path, "secure-cloudinary", "trusted-config-files"));
        Assert.Contains(Path.Combine(dir.Path, "appsettings.json"), store, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, store, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_EnvironmentSourceWithInjectedEnvironment_Succeeds()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?> { ["CLOUDINARY_URL"] = fixture.Emulator.Credentials.ToCloudinaryUrl() };

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("Environment", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(fixture.Emulator.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task Doctor_HumanOutput_NamesTheContactedHostAndDoesNotCallAnEmulatorCloudinary()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(EmulatorFixture.ConfigurationSourceEnvironment(fixture.Emulator.Credentials), dir.Path, "doctor");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var origin = fixture.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"Contacted:   {origin} (Cloudinary API)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("accepted by Cloudinary", result.Output, StringComparison.Ordinal);
        Assert.Contains($"accepted by the emulator or proxy at {fixture.Emulator.BaseAddress.Host}:{fixture.Emulator.BaseAddress.Port}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_CredentialsAndAddressAllFromTheFile_NeedNoTrust()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var credentials = fixture.Emulator.Credentials;
        dir.WriteFile("appsettings.json", JsonSerializer.Serialize(new
        {
            Cloudinary = new
            {
                Source = "Configuration",
                ApiBaseAddress = fixture.Emulator.BaseAddress.ToString(),
                CloudName = credentials.CloudName,
                ApiKey = credentials.ApiKey,
                ApiSecret = credentials.ApiSecret,
            },
        }));

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
    }

    [Fact]
    public async Task Doctor_ApiSecretFromEnvironmentWithAddressFromFile_ExitsTwo()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var credentials = fixture.Emulator.Credentials;
        dir.WriteFile("appsettings.json", JsonSerializer.Serialize(new
        {
            Cloudinary = new { Source = "Configuration", ApiBaseAddress = fixture.Emulator.BaseAddress.ToString(), CloudName = credentials.CloudName, ApiKey = credentials.ApiKey },
        }));

        var result = await CliRunner.RunAsync(
            new Dictionary<string, string?> { ["Cloudinary__ApiSecret"] = credentials.ApiSecret }, dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Empty(fixture.Emulator.Requests);
    }

    [Fact]
    public async Task Doctor_VaultAddressFromFileWithVaultTokenFromEnvironment_ExitsTwoWithoutContactingVault()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var vault = await StartVaultAsync(fixture);
        using var dir = new TempDirectory();
        WriteVaultSettings(dir, vault);

        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["VAULT_TOKEN"] = vault.RootToken }, dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Empty(vault.Requests);
        var error = JsonDocument.Parse(result.Output).RootElement.GetProperty("error").GetString()!;
        Assert.Contains("Cloudinary:Vault:Address", error, StringComparison.Ordinal);
        Assert.Contains($"{vault.Address.Host}:{vault.Address.Port}", error, StringComparison.Ordinal);
        Assert.DoesNotContain(vault.RootToken, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_VaultAddressFromFileWithTrustConfig_ReadsVaultAndListsBothHosts()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var vault = await StartVaultAsync(fixture);
        using var dir = new TempDirectory();
        WriteVaultSettings(dir, vault);

        var result = await CliRunner.RunAsync(
            new Dictionary<string, string?> { ["VAULT_TOKEN"] = vault.RootToken }, dir.Path, "doctor", "--json", "--trust-config");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.NotEmpty(vault.Requests);
        var endpoints = JsonDocument.Parse(result.Output).RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal([vault.Address.GetLeftPart(UriPartial.Authority), fixture.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority)], endpoints);
        Assert.DoesNotContain(vault.RootToken, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_VaultAddressFromFileButAnotherSourceSelected_IsNotAProblem()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.json", """{ "Cloudinary": { "Vault": { "Address": "https://vault.example.com", "Path": "x" } } }""");

        var result = await CliRunner.RunAsync(EmulatorFixture.ConfigurationSourceEnvironment(fixture.Emulator.Credentials), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
    }

    private static async Task<VaultEmulator> StartVaultAsync(EmulatorFixture fixture)
    {
        var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.WriteSecret("secret", "cloudinary/trust", new Dictionary<string, string> { ["url"] = fixture.Emulator.Credentials.ToCloudinaryUrl() });
        return vault;
    }

    private static void WriteVaultSettings(TempDirectory dir, VaultEmulator vault) =>
        dir.WriteFile("appsettings.json", JsonSerializer.Serialize(new
        {
            Cloudinary = new { Source = "Vault", Vault = new { Address = vault.Address.ToString(), Path = "cloudinary/trust", MaxRetries = 0 } },
        }));
}
