using System.Text.Json;
using SecureCloudinary.Cli.Rotate;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Cli.Tests.Rotate;

public sealed class RotateGuidedAndRevokeTests
{
    private const string VaultPath = "cloudinary/guided";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Guided_KeyFromStdin_StoresItNamesTheOldKeyThenConfirmsItIsDisabled()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        var created = cloudinary.AddApiKey();
        vault.WriteSecret("secret", VaultPath, new Dictionary<string, string> { ["url"] = old.ToCloudinaryUrl() });
        var environment = VaultEnvironment(cloudinary, vault);

        var guided = await RunAsync(environment, dir.Path, $"{created.ApiKey}:{created.ApiSecret}\n", "rotate", "--json", "--wait", "0s");
        var early = await RunAsync(environment, dir.Path, string.Empty, "rotate", "--confirm-old-disabled", "--json");
        cloudinary.DisableApiKey(old.ApiKey);
        var confirmed = await RunAsync(environment, dir.Path, string.Empty, "rotate", "--confirm-old-disabled", "--json");

        Assert.True(guided.ExitCode == RotateExitCodes.Ok, guided.AllText);
        using (var json = JsonDocument.Parse(guided.Output))
        {
            Assert.False(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
            Assert.Equal(created.Fingerprint, json.RootElement.GetProperty("newFingerprint").GetString());
            var manual = Assert.Single(json.RootElement.GetProperty("steps").EnumerateArray(), s => s.GetProperty("status").GetString() == "manual");
            Assert.Contains(old.ApiKeyHint, manual.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains(old.Fingerprint, manual.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(RotateExitCodes.KeyNotAccepted, early.ExitCode);
        Assert.Contains("still accepts the old key", early.Output, StringComparison.Ordinal);
        Assert.Equal(RotateExitCodes.Ok, confirmed.ExitCode);
        using (var json = JsonDocument.Parse(confirmed.Output))
        {
            Assert.True(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
            Assert.Equal(old.Fingerprint, json.RootElement.GetProperty("oldFingerprint").GetString());
        }

        foreach (var result in new[] { guided, early, confirmed })
        {
            Assert.DoesNotContain(created.ApiSecret, result.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(old.ApiSecret, result.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Guided_NoKeyOnStdin_ExitsTwoAndWritesNothing()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        vault.WriteSecret("secret", VaultPath, new Dictionary<string, string> { ["url"] = cloudinary.Credentials.ToCloudinaryUrl() });

        var result = await RunAsync(VaultEnvironment(cloudinary, vault), dir.Path, string.Empty, "rotate", "--wait", "0s");

        Assert.Equal(RotateExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("guided mode", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(vault.Requests, r => r.Method == "POST" && r.Path.Contains("data/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revoke_AnotherKeyByFingerprint_DisablesIt_AndTheServedKeyIsRefused()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var leaked = cloudinary.AddApiKey();
        var environment = EmulatorFixture.ConfigurationSourceEnvironment(cloudinary.Credentials);
        environment["Cloudinary__ApiBaseAddress"] = cloudinary.BaseAddress.ToString();
        environment["CLOUDINARY_ACCOUNT_URL"] = cloudinary.ProvisioningAccountUrl;

        var served = await CliRunner.RunAsync(environment, dir.Path, "revoke", cloudinary.Credentials.Fingerprint, "--json");
        var revoked = await CliRunner.RunAsync(environment, dir.Path, "revoke", leaked.Fingerprint, "--json");
        var deleted = await CliRunner.RunAsync(environment, dir.Path, "revoke", leaked.ApiKey, "--delete");

        Assert.Equal(RotateExitCodes.ConfigurationError, served.ExitCode);
        Assert.Contains("rotate' first", served.Output, StringComparison.Ordinal);
        Assert.True(cloudinary.IsApiKeyEnabled(cloudinary.Credentials.ApiKey));
        Assert.True(revoked.ExitCode == RotateExitCodes.Ok, revoked.AllText);
        Assert.True(JsonDocument.Parse(revoked.Output).RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Equal(RotateExitCodes.Ok, deleted.ExitCode);
        Assert.Single(cloudinary.AccessKeys);
        foreach (var result in new[] { served, revoked, deleted })
        {
            Assert.DoesNotContain(leaked.ApiSecret, result.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(cloudinary.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WaitFor_InstanceNotSwitched_ExitsFourKeepingOldEnabled_AndRerunFinishesWithoutANewKey()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        await using var page = await FingerprintPage.StartAsync();
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        vault.WriteSecret("secret", VaultPath, new Dictionary<string, string> { ["url"] = old.ToCloudinaryUrl() });
        var environment = VaultEnvironment(cloudinary, vault);
        environment["CLOUDINARY_ACCOUNT_URL"] = cloudinary.ProvisioningAccountUrl;
        page.Show(old.Fingerprint);

        var first = await RunAsync(environment, dir.Path, string.Empty, "rotate", "--json", "--wait", "0s", "--wait-for", page.Url.ToString());
        using var firstJson = JsonDocument.Parse(first.Output);
        var newFingerprint = firstJson.RootElement.GetProperty("newFingerprint").GetString();
        var keysAfterFirst = cloudinary.AccessKeys;
        page.Show(newFingerprint);
        var second = await RunAsync(environment, dir.Path, string.Empty, "rotate", "--json", "--wait", "30s", "--wait-for", page.Url.ToString());

        Assert.True(first.ExitCode == RotateExitCodes.FleetNotSwitched, first.AllText);
        Assert.False(firstJson.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Equal(2, keysAfterFirst.Count);
        Assert.All(keysAfterFirst, k => Assert.True(k.Enabled));
        Assert.True(second.ExitCode == RotateExitCodes.Ok, second.AllText);
        using var secondJson = JsonDocument.Parse(second.Output);
        Assert.True(secondJson.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Equal(old.Fingerprint, secondJson.RootElement.GetProperty("oldFingerprint").GetString());
        Assert.Equal(newFingerprint, secondJson.RootElement.GetProperty("newFingerprint").GetString());
        Assert.Equal(2, cloudinary.AccessKeys.Count);
        Assert.False(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.DoesNotContain(old.ApiSecret, first.AllText + second.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("00:05:00", 300)]
    [InlineData("1500ms", 1.5)]
    public void DurationParser_ReadsUnitsAndTimeSpans(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("soon")]
    public void DurationParser_RejectsGarbage(string text) => Assert.False(DurationParser.TryParse(text, out _));

    private static Dictionary<string, string?> VaultEnvironment(CloudinaryEmulator cloudinary, VaultEmulator vault)
    {
        vault.SetPolicy("read", $"secret/data/{VaultPath}");
        vault.SetWritePolicy("write", $"secret/data/{VaultPath}");
        var token = vault.CreateToken(new VaultTokenSpec { Policies = ["default", "read", "write"] });
        return new()
        {
            ["Cloudinary__Source"] = "Vault",
            ["Cloudinary__ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
            ["Cloudinary__Vault__Address"] = vault.Address.ToString(),
            ["Cloudinary__Vault__Path"] = VaultPath,
            ["Cloudinary__Vault__Auth__Method"] = "Token",
            ["Cloudinary__Vault__Auth__Token"] = token,
            ["Cloudinary__Vault__MaxRetries"] = "0",
        };
    }

    private static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string directory, string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var context = new CliContext(output, error, environment, directory) { Input = input };
        var exitCode = await CliApplication.RunAsync(args, context, Ct);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
