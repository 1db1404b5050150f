using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Cli.Rotate;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;
using SecureCloudinary.Testing.Conjur;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Cli.Tests.Rotate;

/// <summary>
/// The proof: an app built through AddSecureCloudinary keeps calling Cloudinary while <c>rotate</c> runs against
/// the emulators, with zero failed calls; afterwards the store holds the new key, the old key is disabled and the app is
/// on the new key. A store that refuses the write leaves keys and store as they were (exit 3).
/// </summary>
public sealed class RotateEndToEndTests
{
    private const string SecretId = "apps/rotate/cloudinary";
    private const string VaultPath = "cloudinary/rotate";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotate_AwsSecretsManager_AppKeepsWorkingAndStoreMovesCurrentAndPrevious()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        aws.CreateSecret(SecretId, $$"""{"cloud_name":"{{old.CloudName}}","api_key":"{{old.ApiKey}}","api_secret":"{{old.ApiSecret}}","team":"media"}""");
        var oldVersion = aws.GetVersionId(SecretId);
        var settings = AwsSettings(cloudinary, aws);
        await using var app = await AppInstance.StartAsync(settings, (b, s) =>
        {
            b.AddAwsSecretsManager();
            s.AddSingleton<AWSCredentials>(new BasicAWSCredentials(aws.AccessKeyId, aws.SecretAccessKey));
        });
        app.Start();

        var result = await CliRunner.RunAsync(
            CliEnvironment(settings, cloudinary), dir.Path, AwsCredentials(aws), "rotate", "--json", "--wait", "0s");
        await app.StopAfterAsync(20);

        Assert.True(result.ExitCode == RotateExitCodes.Ok, result.AllText);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        var newFingerprint = root.GetProperty("newFingerprint").GetString();
        Assert.Equal("AwsSecretsManager", root.GetProperty("source").GetString());
        Assert.Equal(old.Fingerprint, root.GetProperty("oldFingerprint").GetString());
        Assert.NotEqual(old.Fingerprint, newFingerprint);
        Assert.True(root.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Equal(aws.GetVersionId(SecretId, "AWSCURRENT"), root.GetProperty("storeVersion").GetString());
        Assert.Equal(oldVersion, aws.GetVersionId(SecretId, "AWSPREVIOUS"));
        Assert.False(cloudinary.IsApiKeyEnabled(old.ApiKey));
        var newKey = Assert.Single(cloudinary.AccessKeys, k => k.ApiKey != old.ApiKey);
        Assert.True(newKey.Enabled);
        Assert.StartsWith(RotateRunner.KeyNamePrefix, newKey.Name, StringComparison.Ordinal);
        Assert.Empty(app.Failures);
        Assert.True(app.Calls > 20);
        Assert.Equal(newFingerprint, (await app.Provider.GetSnapshotAsync(Ct)).Credentials.Fingerprint);
        AssertNoSecret(result, cloudinary, old);
        Assert.DoesNotContain(aws.SecretAccessKey, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_AfterAwsRotation_RestoresCurrentReenablesOldKeyAndDisablesTheNewOne()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        aws.CreateSecret(SecretId, $$"""{"url":"{{old.ToCloudinaryUrl()}}"}""");
        var oldVersion = aws.GetVersionId(SecretId);
        var environment = CliEnvironment(AwsSettings(cloudinary, aws), cloudinary);
        var rotated = await CliRunner.RunAsync(environment, dir.Path, AwsCredentials(aws), "rotate", "--json", "--wait", "0s");
        var newVersion = aws.GetVersionId(SecretId);

        var rollback = await CliRunner.RunAsync(environment, dir.Path, AwsCredentials(aws), "rotate", "--rollback", "--json", "--wait", "0s");

        Assert.True(rotated.ExitCode == RotateExitCodes.Ok, rotated.AllText);
        Assert.True(rollback.ExitCode == RotateExitCodes.Ok, rollback.AllText);
        using var json = JsonDocument.Parse(rollback.Output);
        Assert.Equal(old.Fingerprint, json.RootElement.GetProperty("newFingerprint").GetString());
        Assert.True(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Equal(oldVersion, aws.GetVersionId(SecretId, "AWSCURRENT"));
        Assert.Equal(newVersion, aws.GetVersionId(SecretId, "AWSPREVIOUS"));
        Assert.True(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Single(cloudinary.AccessKeys, k => k.Enabled);
        AssertNoSecret(rollback, cloudinary, old);
    }

    [Fact]
    public async Task Rotate_VaultKvV2_AppKeepsWorkingAndStoreHoldsTheNewKey()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        vault.WriteSecret("secret", VaultPath, Fields(old));
        var appSettings = VaultSettings(cloudinary, vault, Token(vault, write: false));
        await using var app = await AppInstance.StartAsync(appSettings, (b, _) => b.AddVault());
        app.Start();

        var result = await CliRunner.RunAsync(
            CliEnvironment(VaultSettings(cloudinary, vault, Token(vault, write: true)), cloudinary), dir.Path, configureServices: null, "rotate", "--json", "--wait", "0s");
        await app.StopAfterAsync(20);

        Assert.True(result.ExitCode == RotateExitCodes.Ok, result.AllText);
        using var json = JsonDocument.Parse(result.Output);
        var newFingerprint = json.RootElement.GetProperty("newFingerprint").GetString();
        Assert.Equal("2", json.RootElement.GetProperty("storeVersion").GetString());
        Assert.True(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.False(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Empty(app.Failures);
        Assert.Equal(newFingerprint, (await app.Provider.GetSnapshotAsync(Ct)).Credentials.Fingerprint);
        AssertNoSecret(result, cloudinary, old);
    }

    [Fact]
    public async Task Rotate_ConjurUrlVariable_AppKeepsWorkingAndVariableHoldsTheNewKey()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var conjur = await ConjurEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        const string Variable = "apps/rotate/cloudinary-url";
        conjur.DeclareVariable(Variable);
        conjur.SetSecret(Variable, old.ToCloudinaryUrl());
        var appKey = conjur.AddHost("apps/web");
        conjur.Permit("host/apps/web", Variable);
        var rotatorKey = conjur.AddHost("ops/rotator");
        conjur.Permit("host/ops/rotator", Variable, ConjurPrivileges.Read | ConjurPrivileges.Execute | ConjurPrivileges.Update);
        await using var app = await AppInstance.StartAsync(ConjurSettings(cloudinary, conjur, "host/apps/web", appKey, Variable), (b, _) => b.AddConjur());
        app.Start();

        var result = await CliRunner.RunAsync(
            CliEnvironment(ConjurSettings(cloudinary, conjur, "host/ops/rotator", rotatorKey, Variable), cloudinary),
            dir.Path, configureServices: null, "rotate", "--json", "--wait", "0s");
        await app.StopAfterAsync(20);

        Assert.True(result.ExitCode == RotateExitCodes.Ok, result.AllText);
        using var json = JsonDocument.Parse(result.Output);
        var newFingerprint = json.RootElement.GetProperty("newFingerprint").GetString();
        Assert.True(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.False(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Empty(app.Failures);
        Assert.Equal(newFingerprint, (await app.Provider.GetSnapshotAsync(Ct)).Credentials.Fingerprint);
        AssertNoSecret(result, cloudinary, old);
        Assert.DoesNotContain(rotatorKey, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_VaultTokenWithoutUpdate_ExitsThreeAndLeavesKeysAndStoreAsTheyWere()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        vault.WriteSecret("secret", VaultPath, Fields(old));
        var keysBefore = cloudinary.AccessKeys;

        var result = await CliRunner.RunAsync(
            CliEnvironment(VaultSettings(cloudinary, vault, Token(vault, write: false)), cloudinary), dir.Path, configureServices: null, "rotate", "--json", "--wait", "0s");

        Assert.Equal(RotateExitCodes.StoreFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Contains("'create' and 'update'", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Equal(keysBefore, cloudinary.AccessKeys);
        Assert.True(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Contains(json.RootElement.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "delete-new-key" && s.GetProperty("status").GetString() == "ok");
        var reader = new Dictionary<string, string?>(VaultSettings(cloudinary, vault, vault.RootToken));
        var doctor = await CliRunner.RunAsync(CliEnvironment(reader, cloudinary), dir.Path, "doctor", "--json", "--no-ping");
        using var doctorJson = JsonDocument.Parse(doctor.Output);
        Assert.Equal(old.Fingerprint, doctorJson.RootElement.GetProperty("fingerprint").GetString());
        Assert.Equal("1", doctorJson.RootElement.GetProperty("version").GetString());
        AssertNoSecret(result, cloudinary, old);
    }

    [Fact]
    public async Task Rotate_EnvironmentSource_ExitsTwoSayingItIsNotWritable()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var environment = EmulatorFixture.ConfigurationSourceEnvironment(cloudinary.Credentials);
        environment["CLOUDINARY_ACCOUNT_URL"] = cloudinary.ProvisioningAccountUrl;

        var result = await CliRunner.RunAsync(environment, dir.Path, "rotate");

        Assert.Equal(RotateExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("not writable", result.Error, StringComparison.Ordinal);
        Assert.Single(cloudinary.AccessKeys);
        AssertNoSecret(result, cloudinary, cloudinary.Credentials);
    }

    private static void AssertNoSecret(CliResult result, CloudinaryEmulator cloudinary, CloudinaryCredentials old)
    {
        Assert.DoesNotContain(old.ApiSecret, result.AllText, StringComparison.Ordinal);
        var provisioningSecret = SecureCloudinary.Provisioning.CloudinaryAccountCredentials.Parse(cloudinary.ProvisioningAccountUrl).ProvisioningSecret;
        Assert.DoesNotContain(provisioningSecret, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("api_secret", result.AllText, StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> Fields(CloudinaryCredentials c) => new()
    {
        ["cloud_name"] = c.CloudName,
        ["api_key"] = c.ApiKey,
        ["api_secret"] = c.ApiSecret,
        ["owner"] = "media-team",
    };

    private static string Token(VaultEmulator vault, bool write)
    {
        vault.SetPolicy("cloudinary-read", $"secret/data/{VaultPath}");
        vault.SetWritePolicy("cloudinary-write", $"secret/data/{VaultPath}");
        return vault.CreateToken(new VaultTokenSpec { Policies = write ? ["default", "cloudinary-read", "cloudinary-write"] : ["default", "cloudinary-read"] });
    }

    private static Action<IServiceCollection> AwsCredentials(SecretsManagerEmulator aws) =>
        services => services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(aws.AccessKeyId, aws.SecretAccessKey));

    private static Dictionary<string, string?> AwsSettings(CloudinaryEmulator cloudinary, SecretsManagerEmulator aws) => new()
    {
        ["Cloudinary:Source"] = "AwsSecretsManager",
        ["Cloudinary:ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
        ["Cloudinary:AwsSecretsManager:SecretId"] = SecretId,
        ["Cloudinary:AwsSecretsManager:ServiceUrl"] = aws.BaseAddress.ToString(),
        ["Cloudinary:AwsSecretsManager:Region"] = aws.Region,
    };

    private static Dictionary<string, string?> VaultSettings(CloudinaryEmulator cloudinary, VaultEmulator vault, string token) => new()
    {
        ["Cloudinary:Source"] = "Vault",
        ["Cloudinary:ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
        ["Cloudinary:Vault:Address"] = vault.Address.ToString(),
        ["Cloudinary:Vault:Path"] = VaultPath,
        ["Cloudinary:Vault:Auth:Method"] = "Token",
        ["Cloudinary:Vault:Auth:Token"] = token,
        ["Cloudinary:Vault:MaxRetries"] = "0",
    };

    private static Dictionary<string, string?> ConjurSettings(CloudinaryEmulator cloudinary, ConjurEmulator conjur, string login, string apiKey, string variable) => new()
    {
        ["Cloudinary:Source"] = "Conjur",
        ["Cloudinary:ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
        ["Cloudinary:Conjur:ApplianceUrl"] = conjur.BaseAddress.ToString(),
        ["Cloudinary:Conjur:Account"] = conjur.Account,
        ["Cloudinary:Conjur:Login"] = login,
        ["Cloudinary:Conjur:ApiKey"] = apiKey,
        ["Cloudinary:Conjur:Variable"] = variable,
        ["Cloudinary:Conjur:MaxRetries"] = "0",
    };

    /// <summary>The same settings as environment variables for the CLI, plus the provisioning credentials.</summary>
    private static Dictionary<string, string?> CliEnvironment(IReadOnlyDictionary<string, string?> settings, CloudinaryEmulator cloudinary)
    {
        var environment = settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
        environment["CLOUDINARY_ACCOUNT_URL"] = cloudinary.ProvisioningAccountUrl;
        return environment;
    }
}
