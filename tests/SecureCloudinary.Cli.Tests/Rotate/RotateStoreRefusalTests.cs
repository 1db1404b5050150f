using System.Text.Json;
using SecureCloudinary.Cli.Rotate;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.Cli.Tests.Rotate;

/// <summary>
/// An AWS identity that may read the secret but not rotate it: <c>rotate</c> leaves the keys and what apps read as they
/// were (exit 3), whichever write step AWS refuses, and a rerun after the permission is granted works.
/// </summary>
public sealed class RotateStoreRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotate_AwsPutSecretValueDenied_ExitsThreeAndLeavesKeysAndStoreAsTheyWere()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        aws.CreateSecret(RotateStores.AwsSecretId, Json(old));
        var versionBefore = aws.GetVersionId(RotateStores.AwsSecretId);
        var keysBefore = cloudinary.AccessKeys;
        aws.DenyAction("PutSecretValue");

        var result = await CliRunner.RunAsync(RotateStores.Aws(cloudinary, aws), dir.Path, RotateStores.AwsCredentials(aws), "rotate", "--json", "--wait", "0s");

        Assert.Equal(RotateExitCodes.StoreFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Contains("secretsmanager:PutSecretValue", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(json.RootElement.GetProperty("oldKeyDisabled").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "delete-new-key" && s.GetProperty("status").GetString() == "ok");
        Assert.Equal(keysBefore, cloudinary.AccessKeys);
        Assert.True(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Equal(versionBefore, aws.GetVersionId(RotateStores.AwsSecretId));
        Assert.Null(aws.GetVersionId(RotateStores.AwsSecretId, "AWSPENDING"));
        Assert.Null(aws.GetVersionId(RotateStores.AwsSecretId, "AWSPREVIOUS"));
        AssertNoSecret(result, old);
    }

    [Fact]
    public async Task Rotate_AwsUpdateStageDenied_ExitsThreeDeletesTheNewKeyKeepsCurrent_AndARerunWorks()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        using var dir = new TempDirectory();
        var old = cloudinary.Credentials;
        aws.CreateSecret(RotateStores.AwsSecretId, Json(old));
        var versionBefore = aws.GetVersionId(RotateStores.AwsSecretId);
        var keysBefore = cloudinary.AccessKeys;
        var environment = RotateStores.Aws(cloudinary, aws);
        aws.DenyAction("UpdateSecretVersionStage", RotateStores.AwsSecretId);

        var refused = await CliRunner.RunAsync(environment, dir.Path, RotateStores.AwsCredentials(aws), "rotate", "--json", "--wait", "0s");
        var pendingAfterRefusal = aws.GetVersionId(RotateStores.AwsSecretId, "AWSPENDING");
        aws.AllowAccess();
        var rerun = await CliRunner.RunAsync(environment, dir.Path, RotateStores.AwsCredentials(aws), "rotate", "--json", "--wait", "0s");

        Assert.Equal(RotateExitCodes.StoreFailed, refused.ExitCode);
        using (var json = JsonDocument.Parse(refused.Output))
        {
            var error = json.RootElement.GetProperty("error").GetString();
            Assert.Contains("secretsmanager:UpdateSecretVersionStage", error, StringComparison.Ordinal);
            Assert.Contains("AWSPENDING stays on the unused new version", error, StringComparison.Ordinal);
            Assert.Contains(json.RootElement.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "delete-new-key" && s.GetProperty("status").GetString() == "ok");
        }

        // AWSCURRENT never moved; AWSPENDING stayed on the unused version (removing it needs the refused permission).
        Assert.NotNull(pendingAfterRefusal);
        Assert.NotEqual(versionBefore, pendingAfterRefusal);
        Assert.True(rerun.ExitCode == RotateExitCodes.Ok, rerun.AllText);
        using var rerunJson = JsonDocument.Parse(rerun.Output);
        Assert.Equal(aws.GetVersionId(RotateStores.AwsSecretId), rerunJson.RootElement.GetProperty("storeVersion").GetString());
        Assert.Equal(versionBefore, aws.GetVersionId(RotateStores.AwsSecretId, "AWSPREVIOUS"));
        Assert.Null(aws.GetVersionId(RotateStores.AwsSecretId, "AWSPENDING"));
        Assert.False(cloudinary.IsApiKeyEnabled(old.ApiKey));
        Assert.Equal(keysBefore.Count + 1, cloudinary.AccessKeys.Count); // the refused run's key was deleted
        AssertNoSecret(refused, old);
        AssertNoSecret(rerun, old);
    }

    private static string Json(CloudinaryCredentials c) =>
        $$"""{"cloud_name":"{{c.CloudName}}","api_key":"{{c.ApiKey}}","api_secret":"{{c.ApiSecret}}"}""";

    private static void AssertNoSecret(CliResult result, CloudinaryCredentials old)
    {
        Assert.DoesNotContain(old.ApiSecret, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("api_secret", result.AllText, StringComparison.OrdinalIgnoreCase);
    }
}
