using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

public sealed class StoreWriterTests
{
    private static readonly CloudinaryCredentials Old = new("aws-cloud", "123456789012345", "Old-Aws-Secret_sentinel_1a2b");
    private static readonly CloudinaryCredentials Rotated = new("aws-cloud", "999888777666555", "Rotated-Aws-Secret_sentinel_9f8e");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_Json_PutsPendingThenMovesCurrentSoOldIsPrevious()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret("app/cloudinary", $$"""{"cloud_name":"aws-cloud","api_key":"{{Old.ApiKey}}","api_secret":"{{Old.ApiSecret}}","team":"media"}""");
        var oldVersion = emulator.GetVersionId("app/cloudinary");
        var source = AwsTestKit.Source(emulator, "app/cloudinary");
        var writer = new AwsSecretsManagerCredentialStoreWriter(source);
        var before = await writer.ReadAsync(Ct);

        var written = await writer.WriteAsync(before, Rotated, Ct);
        var after = await writer.ReadAsync(Ct);
        var stored = await source.ReadStoredAsync(Ct);
        var previous = await AwsTestKit.Source(emulator, "app/cloudinary", o => o.VersionStage = "AWSPREVIOUS").GetCredentialsAsync(Ct);

        Assert.Equal(written.Version, emulator.GetVersionId("app/cloudinary", "AWSCURRENT"));
        Assert.Equal(oldVersion, emulator.GetVersionId("app/cloudinary", "AWSPREVIOUS"));
        Assert.Null(emulator.GetVersionId("app/cloudinary", "AWSPENDING"));
        Assert.Equal(Rotated, after.Credentials);
        Assert.Equal(Old, previous.Credentials);
        Assert.Equal(Old, (await writer.ReadPreviousAsync(Ct))?.Credentials);
        Assert.Contains("\"team\":\"media\"", stored.Text, StringComparison.Ordinal);
        var operations = emulator.Requests.Select(r => r.Operation).ToList();
        Assert.True(operations.IndexOf("PutSecretValue") < operations.IndexOf("UpdateSecretVersionStage"));
    }

    [Fact]
    public async Task Write_Url_StaysAUrlWithItsSettings()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret("url-secret", Old.ToCloudinaryUrl() + "?secure_distribution=cdn.example.com");
        var source = AwsTestKit.Source(emulator, "url-secret");
        var writer = new AwsSecretsManagerCredentialStoreWriter(source);

        await writer.WriteAsync(await writer.ReadAsync(Ct), Rotated, Ct);
        var stored = await source.ReadStoredAsync(Ct);
        var after = await writer.ReadAsync(Ct);

        Assert.StartsWith("cloudinary://", stored.Text, StringComparison.Ordinal);
        Assert.Equal("cdn.example.com", after.Credentials.Settings.SecureDistribution);
        Assert.Equal(Rotated.ApiKey, after.Credentials.ApiKey);
    }

    [Fact]
    public async Task Restore_MovesCurrentBackToThePreviousVersion()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret("s", AwsTestKit.Json(Old));
        var writer = new AwsSecretsManagerCredentialStoreWriter(AwsTestKit.Source(emulator, "s"));
        var before = await writer.ReadAsync(Ct);
        var written = await writer.WriteAsync(before, Rotated, Ct);

        await writer.RestoreAsync(before, written, Ct);
        var after = await writer.ReadAsync(Ct);

        Assert.Equal(Old, after.Credentials);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(written.Version, emulator.GetVersionId("s", "AWSPREVIOUS"));
    }

    [Fact]
    public async Task Write_SecretChangedSinceRead_WritesNothing()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret("s", AwsTestKit.Json(Old));
        var writer = new AwsSecretsManagerCredentialStoreWriter(AwsTestKit.Source(emulator, "s"));
        var before = await writer.ReadAsync(Ct);
        var other = emulator.PutSecretValue("s", AwsTestKit.Json(new CloudinaryCredentials("aws-cloud", "555", "other-secret")));

        var error = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => writer.WriteAsync(before, Rotated, Ct).AsTask());

        Assert.Contains("changed since it was read", error.Message, StringComparison.Ordinal);
        Assert.Equal(other, emulator.GetVersionId("s"));
        Assert.DoesNotContain(emulator.Requests, r => r.Operation == "PutSecretValue");
    }

    [Fact]
    public async Task Write_PinnedVersionStage_IsRefused()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret("s", AwsTestKit.Json(Old));
        var writer = new AwsSecretsManagerCredentialStoreWriter(AwsTestKit.Source(emulator, "s", o => o.VersionStage = "AWSPREVIOUS"));

        var error = await Assert.ThrowsAsync<CloudinaryCredentialException>(
            () => writer.WriteAsync(new CredentialSnapshot(Old), Rotated, Ct).AsTask());

        Assert.Contains("VersionStage", error.Message, StringComparison.Ordinal);
    }
}
