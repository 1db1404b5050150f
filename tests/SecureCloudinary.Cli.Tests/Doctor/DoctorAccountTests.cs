using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;
using SecureCloudinary.Testing.Conjur;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Cli.Tests.Doctor;

/// <summary>Issue 15: <c>doctor --account NAME</c> checks <c>Cloudinary:Accounts:NAME</c>; <c>doctor --all</c> checks every account.</summary>
public sealed class DoctorAccountTests
{
    private const string SecretId = "Cli-Accounts-SecretId_9f8e7d6c";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Doctor_WithoutAccount_IgnoresTheAccountsSectionAndItsEndpoints()
    {
        await using var main = await StartCloudinaryAsync("main");
        await using var attacker = await StartCloudinaryAsync("attacker");
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.json", JsonSerializer.Serialize(new
        {
            Cloudinary = new { Accounts = new { shop = new { Source = "Environment", ApiBaseAddress = attacker.BaseAddress.ToString() } } },
        }));
        var environment = new Dictionary<string, string?>
        {
            ["CLOUDINARY_URL"] = main.Credentials.ToCloudinaryUrl(),
            ["Cloudinary__ApiBaseAddress"] = main.BaseAddress.ToString(),
        };

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.AllText);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(main.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        Assert.False(json.RootElement.TryGetProperty("account", out _), "the single-account JSON keeps its shape without --account");
        Assert.Empty(attacker.Requests);
    }

    [Fact]
    public async Task Doctor_Account_ReadsTheAccountSectionOnly()
    {
        await using var main = await StartCloudinaryAsync("main");
        await using var shop = await StartCloudinaryAsync("shop");
        using var dir = new TempDirectory();
        var environment = Merge(ConfigurationAccount(null, main), ConfigurationAccount("shop", shop));

        var named = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "shop", "--json");
        var unnamed = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");
        var text = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "shop");

        Assert.True(named.ExitCode == ExitCodes.Ok, named.AllText);
        using (var json = JsonDocument.Parse(named.Output))
        {
            Assert.Equal("shop", json.RootElement.GetProperty("account").GetString());
            Assert.Equal("shop", json.RootElement.GetProperty("cloudName").GetString());
            Assert.Equal(shop.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
            Assert.Equal("ok", json.RootElement.GetProperty("ping").GetString());
        }

        Assert.Contains(shop.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, unnamed.ExitCode);
        using (var json = JsonDocument.Parse(unnamed.Output))
        {
            Assert.Equal(main.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        }

        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        Assert.Contains("Account:", text.Output, StringComparison.Ordinal);
        Assert.Contains("shop", text.Output, StringComparison.Ordinal);
        AssertNoSecret([named, unnamed, text], main.Credentials, shop.Credentials);
    }

    [Fact]
    public async Task Doctor_Account_MessagesNameTheAccountsKeys()
    {
        using var dir = new TempDirectory();
        var missingVault = new Dictionary<string, string?> { ["Cloudinary__Accounts__shop__Source"] = "Vault" };
        var misspelt = new Dictionary<string, string?>
        {
            ["Cloudinary__Accounts__shop__Source"] = "Environment",
            ["Cloudinary__Accounts__shop__ApiBaseAdress"] = "https://api.cloudinary.com",
        };

        var vault = await CliRunner.RunAsync(missingVault, dir.Path, "doctor", "--account", "shop");
        var typo = await CliRunner.RunAsync(misspelt, dir.Path, "doctor", "--account", "shop", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, vault.ExitCode);
        Assert.Contains("Cloudinary:Accounts:shop:Vault:Path is required", vault.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, typo.ExitCode);
        using var json = JsonDocument.Parse(typo.Output);
        Assert.Contains(
            "Cloudinary:Accounts:shop:ApiBaseAdress is not a setting; did you mean Cloudinary:Accounts:shop:ApiBaseAddress?",
            json.RootElement.GetProperty("error").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AccountWithSourceAndOverride_AppliesThemToTheAccountsSection()
    {
        await using var main = await StartCloudinaryAsync("main");
        await using var shop = await StartCloudinaryAsync("shop");
        using var dir = new TempDirectory();
        var environment = Merge(ConfigurationAccount(null, main), ConfigurationAccount("shop", shop));
        environment["Cloudinary__Accounts__shop__Source"] = "Vault"; // no Vault settings: --source must replace it

        var result = await CliRunner.RunAsync(
            environment, dir.Path, "doctor", "--account", "shop", "--source", "Configuration", "--json", "--Cloudinary:Accounts:shop:ApiBaseAddress", shop.BaseAddress.ToString());
        var top = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--source", "Configuration", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.AllText);
        using (var json = JsonDocument.Parse(result.Output))
        {
            Assert.Equal("Configuration", json.RootElement.GetProperty("source").GetString());
            Assert.Equal(shop.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        }

        Assert.Equal(ExitCodes.Ok, top.ExitCode);
        using (var json = JsonDocument.Parse(top.Output))
        {
            Assert.Equal(main.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        }
    }

    [Fact]
    public async Task Doctor_UnknownAccount_ExitsTwoWithOneLineNamingTheAccountsAndTheNearest()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?>
        {
            ["Cloudinary__Accounts__marketing__Source"] = "Environment",
            ["Cloudinary__Accounts__shop__Source"] = "Environment",
        };

        var typo = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "markting");
        var json = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "nothing-like-it", "--json");
        var none = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--account", "shop");
        var withSource = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "markting", "--source", "Environment");

        Assert.Equal(ExitCodes.ConfigurationError, typo.ExitCode);
        var line = Assert.Single(typo.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'markting'", line, StringComparison.Ordinal);
        Assert.Contains("marketing, shop", line, StringComparison.Ordinal);
        Assert.Contains("did you mean 'marketing'", line, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExitCodes.ConfigurationError, json.ExitCode);
        using (var report = JsonDocument.Parse(json.Output))
        {
            var error = report.RootElement.GetProperty("error").GetString()!;
            Assert.Contains("marketing, shop", error, StringComparison.Ordinal);
            Assert.DoesNotContain("did you mean", error, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(ExitCodes.ConfigurationError, none.ExitCode);
        Assert.Contains("Cloudinary:Accounts", none.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, withSource.ExitCode); // --source does not create the account
    }

    [Fact]
    public async Task Doctor_AccountEndpointFromFile_IsNotContactedWithoutTrustConfig()
    {
        await using var shop = await StartCloudinaryAsync("shop");
        await using var attacker = await StartCloudinaryAsync("attacker");
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.json", JsonSerializer.Serialize(new
        {
            Cloudinary = new
            {
                Accounts = new
                {
                    shop = new { ApiBaseAddress = attacker.BaseAddress.ToString() },
                    media = new { Vault = new { Address = vault.Address.ToString() } },
                },
            },
        }));
        var environment = ConfigurationAccount("shop", shop);
        environment.Remove("Cloudinary__Accounts__shop__ApiBaseAddress");
        environment["Cloudinary__Accounts__media__Source"] = "Vault";
        environment["Cloudinary__Accounts__media__Vault__Path"] = "cloudinary/media";
        environment["Cloudinary__Accounts__media__Vault__Auth__Method"] = "Token";
        environment["Cloudinary__Accounts__media__Vault__Auth__Token"] = vault.RootToken;

        var api = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "shop", "--json");
        var store = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "media", "--json", "--no-ping");

        Assert.Equal(ExitCodes.ConfigurationError, api.ExitCode);
        using (var json = JsonDocument.Parse(api.Output))
        {
            var error = json.RootElement.GetProperty("error").GetString()!;
            Assert.Contains(Path.Combine(dir.Path, "appsettings.json"), error, StringComparison.Ordinal);
            Assert.Contains("Cloudinary:Accounts:shop:ApiBaseAddress", error, StringComparison.Ordinal);
            Assert.Contains("--trust-config", error, StringComparison.Ordinal);
        }

        Assert.Empty(attacker.Requests);
        Assert.Empty(shop.Requests);
        Assert.Equal(ExitCodes.ConfigurationError, store.ExitCode);
        using (var json = JsonDocument.Parse(store.Output))
        {
            Assert.Contains("Cloudinary:Accounts:media:Vault:Address", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(vault.Requests);
        Assert.DoesNotContain(vault.RootToken, api.AllText + store.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoctorAll_TwoAccountsOnConfigurationAndVault_ReportsOneRowAndOneObjectPerAccount()
    {
        await using var shop = await StartCloudinaryAsync("shop");
        await using var media = await StartCloudinaryAsync("media");
        await using var vault = await StartVaultAsync(media, "secret/data/cloudinary/media");
        using var dir = new TempDirectory();
        var environment = Merge(ConfigurationAccount("shop", shop), VaultAccount("media", media, vault));

        var text = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--all");
        var json = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--all", "--json");

        Assert.True(text.ExitCode == ExitCodes.Ok, text.AllText);
        var rows = text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shopRow = Assert.Single(rows, r => r.StartsWith("shop ", StringComparison.Ordinal));
        var mediaRow = Assert.Single(rows, r => r.StartsWith("media ", StringComparison.Ordinal));
        Assert.Contains("Configuration", shopRow, StringComparison.Ordinal);
        Assert.Contains(shop.Credentials.Fingerprint, shopRow, StringComparison.Ordinal);
        Assert.Contains("ok", shopRow, StringComparison.Ordinal);
        Assert.Contains("Vault", mediaRow, StringComparison.Ordinal);
        Assert.Contains(media.Credentials.Fingerprint, mediaRow, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.StartsWith("(unnamed)", StringComparison.Ordinal)); // nothing beyond Accounts at the top

        Assert.True(json.ExitCode == ExitCodes.Ok, json.AllText);
        using var report = JsonDocument.Parse(json.Output);
        var accounts = report.RootElement.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(2, accounts.Count);
        var shopJson = Assert.Single(accounts, a => a.GetProperty("account").GetString() == "shop");
        var mediaJson = Assert.Single(accounts, a => a.GetProperty("account").GetString() == "media");
        Assert.Equal("Configuration", shopJson.GetProperty("source").GetString());
        Assert.Equal(shop.Credentials.Fingerprint, shopJson.GetProperty("fingerprint").GetString());
        Assert.Equal("ok", shopJson.GetProperty("ping").GetString());
        Assert.Equal("Vault", mediaJson.GetProperty("source").GetString());
        Assert.Equal(media.Credentials.Fingerprint, mediaJson.GetProperty("fingerprint").GetString());
        Assert.Equal("1", mediaJson.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, mediaJson.GetProperty("error").ValueKind);
        Assert.Equal(0, report.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal(0, report.RootElement.GetProperty("warnings").GetArrayLength());
        AssertNoSecret([text, json], shop.Credentials, media.Credentials);
    }

    [Fact]
    public async Task DoctorAll_AwsAndConjurAccounts_ReadTheirOwnSections()
    {
        await using var shop = await StartCloudinaryAsync("shop");
        await using var media = await StartCloudinaryAsync("media");
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        await using var conjur = await ConjurEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        aws.CreateSecret("apps/shop/cloudinary", $$"""{"url":"{{shop.Credentials.ToCloudinaryUrl()}}"}""");
        var conjurKey = conjur.AddHost("apps/media");
        conjur.Permit("host/apps/media", "apps/media/cloudinary-url");
        conjur.SetSecret("apps/media/cloudinary-url", media.Credentials.ToCloudinaryUrl());
        var environment = new Dictionary<string, string?>
        {
            ["Cloudinary__Accounts__shop__Source"] = "AwsSecretsManager",
            ["Cloudinary__Accounts__shop__ApiBaseAddress"] = shop.BaseAddress.ToString(),
            ["Cloudinary__Accounts__shop__AwsSecretsManager__SecretId"] = "apps/shop/cloudinary",
            ["Cloudinary__Accounts__shop__AwsSecretsManager__ServiceUrl"] = aws.BaseAddress.ToString(),
            ["Cloudinary__Accounts__shop__AwsSecretsManager__Region"] = aws.Region,
            ["Cloudinary__Accounts__shop__AwsSecretsManager__MaxAttempts"] = "1",
            ["Cloudinary__Accounts__media__Source"] = "Conjur",
            ["Cloudinary__Accounts__media__ApiBaseAddress"] = media.BaseAddress.ToString(),
            ["Cloudinary__Accounts__media__Conjur__ApplianceUrl"] = conjur.BaseAddress.ToString(),
            ["Cloudinary__Accounts__media__Conjur__Account"] = conjur.Account,
            ["Cloudinary__Accounts__media__Conjur__Login"] = "host/apps/media",
            ["Cloudinary__Accounts__media__Conjur__ApiKey"] = conjurKey,
            ["Cloudinary__Accounts__media__Conjur__Variable"] = "apps/media/cloudinary-url",
            ["Cloudinary__Accounts__media__Conjur__MaxRetries"] = "0",
            ["Cloudinary__Accounts__broken__Source"] = "AwsSecretsManager",
        };
        Action<IServiceCollection> awsCredentials = services =>
            services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(aws.AccessKeyId, aws.SecretAccessKey));

        var result = await CliRunner.RunAsync(environment, dir.Path, awsCredentials, "doctor", "--all", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        var accounts = report.RootElement.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account").GetString()!, a => a.Clone());
        Assert.Equal(["broken", "media", "shop"], accounts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(shop.Credentials.Fingerprint, accounts["shop"].GetProperty("fingerprint").GetString());
        Assert.Equal("ok", accounts["shop"].GetProperty("ping").GetString());
        Assert.Equal(media.Credentials.Fingerprint, accounts["media"].GetProperty("fingerprint").GetString());
        Assert.Equal("ok", accounts["media"].GetProperty("ping").GetString());
        Assert.Contains("Cloudinary:Accounts:broken:AwsSecretsManager:SecretId is required", accounts["broken"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(aws.SecretAccessKey, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(conjurKey, result.AllText, StringComparison.Ordinal);
        AssertNoSecret([result], shop.Credentials, media.Credentials);
    }

    [Fact]
    public async Task DoctorAll_OneAccountFails_ExitsWithItsCodeAndStillReportsTheOthers()
    {
        await using var main = await StartCloudinaryAsync("main");
        await using var shop = await StartCloudinaryAsync("shop");
        await using var media = await StartCloudinaryAsync("media");
        await using var vault = await StartVaultAsync(media, "secret/data/somewhere/else"); // the policy does not cover the path
        using var dir = new TempDirectory();
        var environment = Merge(ConfigurationAccount(null, main), ConfigurationAccount("shop", shop), VaultAccount("media", media, vault));

        var text = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--all");
        var json = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--all", "--json");

        Assert.Equal(ExitCodes.SourceFailed, text.ExitCode);
        var rows = text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(rows, r => r.StartsWith("(unnamed)", StringComparison.Ordinal) && r.Contains(main.Credentials.Fingerprint, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("shop ", StringComparison.Ordinal) && r.Contains(shop.Credentials.Fingerprint, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("media ", StringComparison.Ordinal) && r.Contains("failed", StringComparison.Ordinal));
        Assert.Contains("media", text.Error, StringComparison.Ordinal);
        Assert.Contains("'read' on 'secret/data/cloudinary/media'", text.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.SourceFailed, json.ExitCode);
        using var report = JsonDocument.Parse(json.Output);
        var accounts = report.RootElement.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(3, accounts.Count);
        Assert.Equal(JsonValueKind.Null, accounts[0].GetProperty("account").ValueKind);
        Assert.Equal(main.Credentials.Fingerprint, accounts[0].GetProperty("fingerprint").GetString());
        var shopJson = Assert.Single(accounts, a => a.GetProperty("account").GetString() == "shop");
        Assert.Equal("ok", shopJson.GetProperty("ping").GetString());
        Assert.Equal(0, shopJson.GetProperty("exitCode").GetInt32());
        var mediaJson = Assert.Single(accounts, a => a.GetProperty("account").GetString() == "media");
        Assert.Equal(ExitCodes.SourceFailed, mediaJson.GetProperty("exitCode").GetInt32());
        Assert.Contains("'read' on 'secret/data/cloudinary/media'", mediaJson.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SourceFailed, report.RootElement.GetProperty("exitCode").GetInt32());
        AssertNoSecret([text, json], main.Credentials, shop.Credentials, media.Credentials);
    }

    [Fact]
    public async Task DoctorAll_WorstExitCode_ConfigurationErrorWinsOverSourceFailure()
    {
        await using var shop = await StartCloudinaryAsync("shop");
        using var dir = new TempDirectory();
        var environment = ConfigurationAccount("shop", shop);
        environment["Cloudinary__Accounts__broken__Source"] = "Vault"; // no Vault settings: exit 2
        environment["Cloudinary__Accounts__empty__Source"] = "Configuration"; // no credentials: exit 3

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--all", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        var accounts = report.RootElement.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account").GetString()!, a => a.GetProperty("exitCode").GetInt32());
        Assert.Equal(ExitCodes.ConfigurationError, accounts["broken"]);
        Assert.Equal(ExitCodes.SourceFailed, accounts["empty"]);
        Assert.Equal(ExitCodes.Ok, accounts["shop"]);
    }

    [Fact]
    public async Task DoctorAll_TwoAccountsWithTheSameKey_WarnsNamingBothWithoutTheSecret()
    {
        await using var shop = await StartCloudinaryAsync("shop");
        using var dir = new TempDirectory();
        var environment = Merge(ConfigurationAccount("shop", shop), ConfigurationAccount("outlet", shop));

        var text = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--all", "--no-ping");
        var json = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--all", "--no-ping", "--json");

        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        var warning = Assert.Single(text.AllText.Split('\n'), l => l.StartsWith("Warning:", StringComparison.Ordinal));
        Assert.Contains("'outlet'", warning, StringComparison.Ordinal);
        Assert.Contains("'shop'", warning, StringComparison.Ordinal);
        Assert.Contains(shop.Credentials.Fingerprint, warning, StringComparison.Ordinal);
        Assert.DoesNotContain(shop.Credentials.ApiKey, warning, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, json.ExitCode);
        using var report = JsonDocument.Parse(json.Output);
        var jsonWarning = Assert.Single(report.RootElement.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains("'outlet'", jsonWarning, StringComparison.Ordinal);
        Assert.Contains("'shop'", jsonWarning, StringComparison.Ordinal);
        AssertNoSecret([text, json], shop.Credentials);
    }

    [Fact]
    public async Task DoctorAll_WithoutAccounts_ChecksTheUnnamedConfiguration()
    {
        await using var main = await StartCloudinaryAsync("main");
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(ConfigurationAccount(null, main), dir.Path, "doctor", "--all", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.AllText);
        using var report = JsonDocument.Parse(result.Output);
        var only = Assert.Single(report.RootElement.GetProperty("accounts").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("account").ValueKind);
        Assert.Equal(main.Credentials.Fingerprint, only.GetProperty("fingerprint").GetString());
    }

    [Theory]
    [InlineData("--account", "shop")]
    [InlineData("--source", "Configuration")]
    public async Task DoctorAll_WithAccountOrSource_IsAUsageError(string option, string value)
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?> { ["Cloudinary__Accounts__shop__Source"] = "Environment" };

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--all", option, value);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("--all", result.Error, StringComparison.Ordinal);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    private static async Task<CloudinaryEmulator> StartCloudinaryAsync(string cloudName) =>
        await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = cloudName }, Ct);

    private static async Task<VaultEmulator> StartVaultAsync(CloudinaryEmulator cloudinary, string readPath)
    {
        var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        vault.SetPolicy("cli", readPath);
        vault.AddAppRole("cli-role", SecretId, new VaultTokenSpec { Policies = ["default", "cli"] });
        vault.WriteSecret("secret", "cloudinary/media", new Dictionary<string, string> { ["url"] = cloudinary.Credentials.ToCloudinaryUrl() });
        return vault;
    }

    /// <summary>The Configuration source with the emulator's credentials, for the unnamed account (null) or a named one.</summary>
    private static Dictionary<string, string?> ConfigurationAccount(string? account, CloudinaryEmulator cloudinary)
    {
        var prefix = account is null ? "Cloudinary__" : $"Cloudinary__Accounts__{account}__";
        return new Dictionary<string, string?>
        {
            [prefix + "Source"] = "Configuration",
            [prefix + "Url"] = cloudinary.Credentials.ToCloudinaryUrl(),
            [prefix + "ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
        };
    }

    private static Dictionary<string, string?> VaultAccount(string account, CloudinaryEmulator cloudinary, VaultEmulator vault)
    {
        var prefix = $"Cloudinary__Accounts__{account}__";
        return new Dictionary<string, string?>
        {
            [prefix + "Source"] = "Vault",
            [prefix + "ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
            [prefix + "Vault__Address"] = vault.Address.ToString(),
            [prefix + "Vault__Path"] = "cloudinary/media",
            [prefix + "Vault__Auth__Method"] = "AppRole",
            [prefix + "Vault__Auth__RoleId"] = "cli-role",
            [prefix + "Vault__Auth__SecretId"] = SecretId,
            [prefix + "Vault__MaxRetries"] = "0",
        };
    }

    private static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            foreach (var (key, value) in part)
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    private static void AssertNoSecret(IEnumerable<CliResult> results, params CloudinaryCredentials[] credentials)
    {
        foreach (var result in results)
        {
            Assert.DoesNotContain(SecretId, result.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("cloudinary://", result.AllText, StringComparison.OrdinalIgnoreCase);
            foreach (var c in credentials)
            {
                Assert.DoesNotContain(c.ApiSecret, result.AllText, StringComparison.Ordinal);
            }
        }
    }
}
