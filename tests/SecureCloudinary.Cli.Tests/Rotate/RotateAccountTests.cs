using System.Text.Json;
using SecureCloudinary.Cli.Rotate;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Cli.Tests.Rotate;

/// <summary>Issue 15: <c>rotate</c>, <c>revoke</c> and <c>usage</c> with <c>--account NAME</c> read <c>Cloudinary:Accounts:NAME</c>.</summary>
public sealed class RotateAccountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotate_Account_RotatesThatAccountsStoreAndKeyOnly()
    {
        await using var shop = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "shop" }, Ct);
        await using var media = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "media" }, Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var shopOld = shop.Credentials;
        var mediaOld = media.Credentials;
        vault.WriteSecret("secret", "cloudinary/shop", new Dictionary<string, string> { ["url"] = shopOld.ToCloudinaryUrl() });
        vault.WriteSecret("secret", "cloudinary/media", new Dictionary<string, string> { ["url"] = mediaOld.ToCloudinaryUrl() });
        vault.SetPolicy("read", "secret/data/cloudinary/shop", "secret/data/cloudinary/media");
        vault.SetWritePolicy("write", "secret/data/cloudinary/shop", "secret/data/cloudinary/media");
        var token = vault.CreateToken(new VaultTokenSpec { Policies = ["default", "read", "write"] });
        var environment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // The shop account has its own provisioning credentials; the top-level ones belong to media's organisation.
            ["Cloudinary__Accounts__shop__Provisioning__AccountUrl"] = shop.ProvisioningAccountUrl,
            ["CLOUDINARY_ACCOUNT_URL"] = media.ProvisioningAccountUrl,
        };
        foreach (var (account, cloudinary) in new[] { ("shop", shop), ("media", media) })
        {
            var prefix = $"Cloudinary__Accounts__{account}__";
            environment[prefix + "Source"] = "Vault";
            environment[prefix + "ApiBaseAddress"] = cloudinary.BaseAddress.ToString();
            environment[prefix + "Vault__Address"] = vault.Address.ToString();
            environment[prefix + "Vault__Path"] = $"cloudinary/{account}";
            environment[prefix + "Vault__Auth__Method"] = "Token";
            environment[prefix + "Vault__Auth__Token"] = token;
            environment[prefix + "Vault__MaxRetries"] = "0";
        }

        var result = await CliRunner.RunAsync(environment, dir.Path, "rotate", "--account", "shop", "--json", "--wait", "0s");
        var shopAfter = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "shop", "--json", "--no-ping");
        var mediaAfter = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--account", "media", "--json", "--no-ping");

        Assert.True(result.ExitCode == RotateExitCodes.Ok, result.AllText);
        using var json = JsonDocument.Parse(result.Output);
        var newFingerprint = json.RootElement.GetProperty("newFingerprint").GetString();
        Assert.Equal("shop", json.RootElement.GetProperty("account").GetString());
        Assert.Equal("shop", json.RootElement.GetProperty("cloudName").GetString());
        Assert.Equal(shopOld.Fingerprint, json.RootElement.GetProperty("oldFingerprint").GetString());
        Assert.Equal("2", json.RootElement.GetProperty("storeVersion").GetString());
        Assert.True(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.False(shop.IsApiKeyEnabled(shopOld.ApiKey));

        // The other account: same Vault, same token, its own path, cloud and key are as they were.
        var mediaKey = Assert.Single(media.AccessKeys);
        Assert.True(mediaKey.Enabled);
        using (var doctor = JsonDocument.Parse(mediaAfter.Output))
        {
            Assert.Equal(mediaOld.Fingerprint, doctor.RootElement.GetProperty("fingerprint").GetString());
            Assert.Equal("1", doctor.RootElement.GetProperty("version").GetString());
        }

        using (var doctor = JsonDocument.Parse(shopAfter.Output))
        {
            Assert.Equal(newFingerprint, doctor.RootElement.GetProperty("fingerprint").GetString());
            Assert.Equal("2", doctor.RootElement.GetProperty("version").GetString());
        }

        foreach (var output in new[] { result, shopAfter, mediaAfter })
        {
            Assert.DoesNotContain(shopOld.ApiSecret, output.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(mediaOld.ApiSecret, output.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(token, output.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("api_secret", output.AllText, StringComparison.OrdinalIgnoreCase);
            foreach (var provisioning in new[] { shop.ProvisioningAccountUrl, media.ProvisioningAccountUrl })
            {
                var secret = SecureCloudinary.Provisioning.CloudinaryAccountCredentials.Parse(provisioning).ProvisioningSecret;
                Assert.DoesNotContain(secret, output.AllText, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Rotate_AccountWithoutProvisioning_NamesTheAccountsKeyThenTheTopLevelOnes()
    {
        await using var shop = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "shop" }, Ct);
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?>
        {
            ["Cloudinary__Accounts__shop__Source"] = "Configuration",
            ["Cloudinary__Accounts__shop__Url"] = shop.Credentials.ToCloudinaryUrl(),
        };

        var rotate = await CliRunner.RunAsync(environment, dir.Path, "rotate", "--account", "shop");
        var revoke = await CliRunner.RunAsync(environment, dir.Path, "revoke", "12345678", "--account", "shop");

        Assert.Equal(RotateExitCodes.ConfigurationError, rotate.ExitCode);
        Assert.Contains("(Cloudinary:Accounts:shop:Source) is not writable", rotate.Error, StringComparison.Ordinal);
        Assert.Contains("Account: shop\n", rotate.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(RotateExitCodes.ConfigurationError, revoke.ExitCode);
        Assert.Contains(
            "Cloudinary:Accounts:shop:Provisioning:AccountUrl, Cloudinary:Provisioning:AccountUrl or CLOUDINARY_ACCOUNT_URL",
            revoke.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain(shop.Credentials.ApiSecret, rotate.AllText + revoke.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rotate")]
    [InlineData("revoke")]
    [InlineData("usage")]
    public async Task Command_UnknownAccount_ExitsTwoNamingTheAccounts(string command)
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?>
        {
            ["Cloudinary__Accounts__marketing__Source"] = "Environment",
            ["Cloudinary__Accounts__shop__Source"] = "Environment",
        };
        string[] args = command == "revoke"
            ? [command, "12345678", "--account", "shpo", "--source", "Vault"]
            : [command, "--account", "shpo", "--source", "Vault"];

        var result = await CliRunner.RunAsync(environment, dir.Path, args);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Unknown account 'shpo'", line, StringComparison.Ordinal);
        Assert.Contains("marketing, shop", line, StringComparison.Ordinal);
        Assert.Contains("did you mean 'shop'", line, StringComparison.Ordinal);
    }
}
