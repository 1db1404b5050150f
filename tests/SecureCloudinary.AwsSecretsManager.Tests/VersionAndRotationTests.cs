namespace SecureCloudinary.AwsSecretsManager.Tests;

public sealed class VersionAndRotationTests : EmulatorTestBase
{
    private const string Name = "rotating";

    [Fact]
    public async Task GetCredentials_PutSecretValueMovesAwsCurrent_NextReadDeliversTheNewKey()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        var source = AwsTestKit.Source(Emulator, Name);
        var before = await source.GetCredentialsAsync(Ct);

        var newVersion = Emulator.PutSecretValue(Name, AwsTestKit.Json(Beta));
        var after = await source.GetCredentialsAsync(Ct);

        Assert.Equal(Alpha.ApiKey, before.Credentials.ApiKey);
        Assert.Equal(Beta, after.Credentials);
        Assert.Equal(newVersion, after.Version);
        Assert.Equal(before.Version, Emulator.GetVersionId(Name, "AWSPREVIOUS"));
    }

    [Fact]
    public async Task GetCredentials_PendingVersion_KeepsServingAwsCurrentUntilFinishSecret()
    {
        var first = Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        var source = AwsTestKit.Source(Emulator, Name);
        var current = Emulator.GetVersionId(Name)!;

        var pending = Emulator.PutSecretValue(Name, AwsTestKit.Json(Beta), "AWSPENDING");
        var during = await source.GetCredentialsAsync(Ct);
        Emulator.UpdateSecretVersionStage(Name, "AWSCURRENT", moveToVersionId: pending, removeFromVersionId: current);
        var after = await source.GetCredentialsAsync(Ct);

        Assert.NotNull(first);
        Assert.Equal(Alpha, during.Credentials);
        Assert.Equal(current, during.Version);
        Assert.Equal(Beta, after.Credentials);
        Assert.Equal(pending, after.Version);
    }

    [Fact]
    public async Task GetCredentials_VersionStageAwsPrevious_ReadsThePreviousVersion()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        Emulator.PutSecretValue(Name, AwsTestKit.Json(Beta));

        var previous = await AwsTestKit.Source(Emulator, Name, o => o.VersionStage = "AWSPREVIOUS").GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, previous.Credentials);
    }

    [Fact]
    public async Task GetCredentials_VersionId_ReadsThatVersion()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        var firstVersion = Emulator.GetVersionId(Name)!;
        Emulator.PutSecretValue(Name, AwsTestKit.Json(Beta));

        var pinned = await AwsTestKit.Source(Emulator, Name, o => o.VersionId = firstVersion).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, pinned.Credentials);
        Assert.Equal(firstVersion, pinned.Version);
    }

    [Fact]
    public async Task GetCredentials_UnknownVersionStage_ThrowsNotFoundNamingTheSetting()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await AwsTestKit.Source(Emulator, Name, o => o.VersionStage = "NOPE").GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("Cloudinary:AwsSecretsManager:VersionStage", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_VersionIdAndStageMismatch_ThrowsNotFound()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        var firstVersion = Emulator.GetVersionId(Name)!;
        Emulator.PutSecretValue(Name, AwsTestKit.Json(Beta));

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await AwsTestKit.Source(Emulator, Name, o => { o.VersionId = firstVersion; o.VersionStage = "AWSCURRENT"; }).GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("InvalidRequestException", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_SecretMarkedForDeletion_ThrowsNotFound()
    {
        Emulator.CreateSecret(Name, AwsTestKit.Json(Alpha));
        Emulator.MarkForDeletion(Name);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await AwsTestKit.Source(Emulator, Name).GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("scheduled for deletion", e.Message, StringComparison.Ordinal);
    }
}
