using System.Text.Json;
using SecureCloudinary.Cli.Rotate;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Conjur;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Cli.Tests.Rotate;

/// <summary>
/// <c>rotate --rollback</c> and <c>--confirm-old-disabled</c> on the stores without AWS-style labels: Conjur (the
/// variables' earlier versions) and Vault KV v1 (no history: the previous key comes from the Provisioning API's list),
/// and the refusals when the previous key cannot be identified.
/// </summary>
public sealed class RotateRollbackTests
{
    private const string Kv1Mount = "kv1";
    private const string Kv1Path = "cloudinary/rollback";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rollback_ConjurUrlVariable_RestoresThePreviousVersionReenablesTheOldKeyAndDisablesTheNew()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var conjur = await ConjurEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        const string Variable = "apps/rollback/cloudinary-url";
        conjur.SetSecret(Variable, old.ToCloudinaryUrl());
        var environment = ConjurEnvironment(cloudinary, conjur, Variable, parts: null, provisioning: true);

        var rotated = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--json", "--wait", "0s");
        var rollback = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--rollback", "--json", "--wait", "0s");

        Assert.True(rotated.ExitCode == RotateExitCodes.Ok, rotated.AllText);
        Assert.True(rollback.ExitCode == RotateExitCodes.Ok, rollback.AllText);
        using var json = JsonDocument.Parse(rollback.Output);
        Assert.Equal(old.Fingerprint, json.RootElement.GetProperty("newFingerprint").GetString());
        Assert.True(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Equal(old.Fingerprint, await RotateStores.ServedFingerprintAsync(environment, dir.Path));
        Assert.True(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Single(cloudinary.AccessKeys, k => k.Enabled);
        Assert.Contains(conjur.Requests, r => r.Target.Contains("/resources/", StringComparison.Ordinal) && r.StatusCode == 200);
        AssertNoSecret(rollback, old);
    }

    [Fact]
    public async Task Rollback_ConjurThreeVariables_RestoresKeyAndSecretFromTheSameRotation()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var conjur = await ConjurEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        var parts = ("apps/rollback/cloud", "apps/rollback/key", "apps/rollback/secret");
        conjur.SetSecret(parts.Item1, old.CloudName);
        conjur.SetSecret(parts.Item2, old.ApiKey);
        conjur.SetSecret(parts.Item3, old.ApiSecret);
        var environment = ConjurEnvironment(cloudinary, conjur, variable: null, parts, provisioning: true);

        var rotated = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--json", "--wait", "0s");
        var rollback = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--rollback", "--json", "--wait", "0s");
        var again = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--rollback", "--json", "--wait", "0s");

        Assert.True(rotated.ExitCode == RotateExitCodes.Ok, rotated.AllText);
        Assert.True(rollback.ExitCode == RotateExitCodes.Ok, rollback.AllText);
        var newFingerprint = JsonDocument.Parse(rotated.Output).RootElement.GetProperty("newFingerprint").GetString();
        // Rolling back the rollback returns to the rotated key: the previous versions are again one pair.
        Assert.True(again.ExitCode == RotateExitCodes.Ok, again.AllText);
        Assert.Equal(newFingerprint, await RotateStores.ServedFingerprintAsync(environment, dir.Path));
        Assert.False(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Single(cloudinary.AccessKeys, k => k.Enabled);
        AssertNoSecret(rollback, old);
    }

    [Fact]
    public async Task ConfirmOldDisabled_ConjurAfterGuidedRotation_ChecksTheVariablesPreviousVersion()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var conjur = await ConjurEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        var created = cloudinary.AddApiKey();
        const string Variable = "apps/guided/cloudinary-url";
        conjur.SetSecret(Variable, old.ToCloudinaryUrl());
        var environment = ConjurEnvironment(cloudinary, conjur, Variable, parts: null, provisioning: false);

        var guided = await RotateStores.RunAsync(environment, dir.Path, $"{created.ApiKey}:{created.ApiSecret}\n", "rotate", "--json", "--wait", "0s");
        var early = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--confirm-old-disabled", "--json");
        cloudinary.DisableApiKey(old.ApiKey);
        var confirmed = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--confirm-old-disabled", "--json");

        Assert.True(guided.ExitCode == RotateExitCodes.Ok, guided.AllText);
        Assert.True(early.ExitCode == RotateExitCodes.KeyNotAccepted, early.AllText);
        Assert.True(confirmed.ExitCode == RotateExitCodes.Ok, confirmed.AllText);
        using var json = JsonDocument.Parse(confirmed.Output);
        Assert.True(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Equal(old.Fingerprint, json.RootElement.GetProperty("oldFingerprint").GetString());
        AssertNoSecret(confirmed, old);
        Assert.DoesNotContain(created.ApiSecret, guided.AllText + early.AllText + confirmed.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_VaultKvV1_TakesThePreviousKeyFromTheProvisioningList()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        var environment = Kv1(cloudinary, vault, old, provisioning: true);

        var rotated = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--json", "--wait", "0s");
        var rollback = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--rollback", "--json", "--wait", "0s");

        Assert.True(rotated.ExitCode == RotateExitCodes.Ok, rotated.AllText);
        Assert.True(rollback.ExitCode == RotateExitCodes.Ok, rollback.AllText);
        using var json = JsonDocument.Parse(rollback.Output);
        Assert.Equal(old.Fingerprint, json.RootElement.GetProperty("newFingerprint").GetString());
        Assert.Contains(json.RootElement.GetProperty("steps").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "read-previous" && s.GetProperty("detail").GetString()!.Contains("Provisioning API", StringComparison.Ordinal));
        Assert.Equal(old.Fingerprint, await RotateStores.ServedFingerprintAsync(environment, dir.Path));
        Assert.True(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Single(cloudinary.AccessKeys, k => k.Enabled);
        AssertNoSecret(rollback, old);
    }

    [Fact]
    public async Task ConfirmOldDisabled_VaultKvV1_FindsTheReplacedKeyInTheProvisioningList()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        var environment = Kv1(cloudinary, vault, old, provisioning: true);

        var rotated = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--json", "--wait", "0s", "--keep-old-enabled");
        var early = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--confirm-old-disabled", "--json");
        cloudinary.DisableApiKey(old.ApiKey);
        var confirmed = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--confirm-old-disabled", "--json");

        Assert.True(rotated.ExitCode == RotateExitCodes.Ok, rotated.AllText);
        Assert.True(early.ExitCode == RotateExitCodes.KeyNotAccepted, early.AllText);
        Assert.Contains(old.ApiKeyHint, early.Output, StringComparison.Ordinal);
        Assert.True(confirmed.ExitCode == RotateExitCodes.Ok, confirmed.AllText);
        Assert.Equal(old.Fingerprint, JsonDocument.Parse(confirmed.Output).RootElement.GetProperty("oldFingerprint").GetString());
        AssertNoSecret(confirmed, old);
    }

    [Fact]
    public async Task Rollback_VaultKvV1_ServedKeyNotCreatedByRotate_ExitsTwoAskingForPreviousKey_ThenPreviousKeyWorks()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        var created = cloudinary.AddApiKey(); // made in the Console: its name says nothing about the key it replaces
        var environment = Kv1(cloudinary, vault, old, provisioning: true);
        var guided = await RotateStores.RunAsync(environment, dir.Path, $"{created.ApiKey}:{created.ApiSecret}\n", "rotate", "--new-key-from-stdin", "--json", "--wait", "0s");
        cloudinary.DisableApiKey(old.ApiKey);

        var refused = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--rollback", "--json", "--wait", "0s");
        var wrong = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--rollback", "--previous-key", "000000000000000", "--json", "--wait", "0s");
        var named = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--rollback", "--previous-key", old.ApiKey, "--json", "--wait", "0s");

        Assert.True(guided.ExitCode == RotateExitCodes.Ok, guided.AllText);
        Assert.Equal(RotateExitCodes.ConfigurationError, refused.ExitCode);
        var error = JsonDocument.Parse(refused.Output).RootElement.GetProperty("error").GetString()!;
        Assert.Contains("keeps no earlier value", error, StringComparison.Ordinal);
        Assert.Contains("--previous-key", error, StringComparison.Ordinal);
        Assert.Equal(RotateExitCodes.ConfigurationError, wrong.ExitCode);
        Assert.True(named.ExitCode == RotateExitCodes.Ok, named.AllText);
        Assert.Equal(old.Fingerprint, await RotateStores.ServedFingerprintAsync(environment, dir.Path));
        Assert.True(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.False(cloudinary.IsApiKeyEnabled(created.ApiKey));
        foreach (var result in new[] { refused, wrong, named })
        {
            AssertNoSecret(result, old);
            Assert.DoesNotContain(created.ApiSecret, result.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConfirmOldDisabled_VaultKvV1WithoutProvisioning_ExitsTwoNamingWhatToDo_ThenOldKeyFromStdinWorks()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        var created = cloudinary.AddApiKey();
        var environment = Kv1(cloudinary, vault, old, provisioning: false);
        var guided = await RotateStores.RunAsync(environment, dir.Path, $"{created.ApiKey}:{created.ApiSecret}\n", "rotate", "--wait", "0s");
        cloudinary.DisableApiKey(old.ApiKey);

        var refused = await RotateStores.RunAsync(environment, dir.Path, string.Empty, "rotate", "--confirm-old-disabled", "--json");
        var confirmed = await RotateStores.RunAsync(environment, dir.Path, $"{old.ApiKey}:{old.ApiSecret}\n", "rotate", "--confirm-old-disabled", "--old-key-from-stdin", "--json");

        Assert.True(guided.ExitCode == RotateExitCodes.Ok, guided.AllText);
        Assert.Contains("--old-key-from-stdin", guided.Output, StringComparison.Ordinal); // the guided run already says how to confirm
        Assert.Equal(RotateExitCodes.ConfigurationError, refused.ExitCode);
        var error = JsonDocument.Parse(refused.Output).RootElement.GetProperty("error").GetString()!;
        Assert.Contains("CLOUDINARY_ACCOUNT_URL", error, StringComparison.Ordinal);
        Assert.Contains("--old-key-from-stdin", error, StringComparison.Ordinal);
        Assert.True(confirmed.ExitCode == RotateExitCodes.Ok, confirmed.AllText);
        Assert.True(JsonDocument.Parse(confirmed.Output).RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        AssertNoSecret(refused, old);
        AssertNoSecret(confirmed, old);
    }

    private static Dictionary<string, string?> Kv1(CloudinaryEmulator cloudinary, VaultEmulator vault, CloudinaryCredentials old, bool provisioning)
    {
        vault.EnableKv(Kv1Mount, 1);
        vault.WriteSecret(Kv1Mount, Kv1Path, new Dictionary<string, string>
        {
            ["cloud_name"] = old.CloudName,
            ["api_key"] = old.ApiKey,
            ["api_secret"] = old.ApiSecret,
            ["owner"] = "media-team",
        });
        return RotateStores.VaultKvV1(cloudinary, vault, Kv1Mount, Kv1Path, provisioning);
    }

    private static Dictionary<string, string?> ConjurEnvironment(
        CloudinaryEmulator cloudinary, ConjurEmulator conjur, string? variable, (string, string, string)? parts, bool provisioning)
    {
        var rotatorKey = conjur.AddHost("ops/rotator");
        foreach (var id in variable is null ? [parts!.Value.Item1, parts.Value.Item2, parts.Value.Item3] : new[] { variable })
        {
            conjur.Permit("host/ops/rotator", id, ConjurPrivileges.Read | ConjurPrivileges.Execute | ConjurPrivileges.Update);
        }

        return RotateStores.Conjur(cloudinary, conjur, "host/ops/rotator", rotatorKey, variable, parts, provisioning);
    }

    private static void AssertNoSecret(CliResult result, CloudinaryCredentials old)
    {
        Assert.DoesNotContain(old.ApiSecret, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("api_secret", result.AllText, StringComparison.OrdinalIgnoreCase);
    }
}
