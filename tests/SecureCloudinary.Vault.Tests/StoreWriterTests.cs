using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Vault.Tests;

public sealed class StoreWriterTests
{
    private const string WritePolicy = "cloudinary-rotate";
    private static readonly CloudinaryCredentials Rotated = new("vault-cloud", "999888777666555", "Rotated-Secret_sentinel_9f8e");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteKvV2_WithUpdatePolicy_AddsVersionWithCasAndKeepsOtherFields()
    {
        await using var kit = await VaultTestKit.StartAsync(Ct);
        var fields = VaultTestKit.Fields(VaultTestKit.Credentials);
        fields["owner"] = "media-team";
        kit.Emulator.WriteSecret("secret", VaultTestKit.Path, fields);
        var writer = Writer(kit, canWrite: true);
        var before = await writer.ReadAsync(Ct);

        var written = await writer.WriteAsync(before, Rotated, Ct);
        var after = await writer.ReadAsync(Ct);
        var stored = await ReadRawAsync(kit);

        Assert.Equal("1", before.Version);
        Assert.Equal("2", written.Version);
        Assert.Equal(Rotated, after.Credentials);
        Assert.Equal("2", after.Version);
        Assert.Contains("\"owner\":\"media-team\"", stored, StringComparison.Ordinal);
        Assert.Equal(VaultTestKit.Credentials, (await writer.ReadPreviousAsync(Ct))?.Credentials);
        Assert.Contains(kit.Emulator.Requests, r => r.Method == "POST" && r.Path == $"secret/data/{VaultTestKit.Path}" && r.StatusCode == 200);
    }

    [Fact]
    public async Task Write_TokenWithoutUpdate_IsDeniedAndSecretUnchanged()
    {
        await using var kit = await VaultTestKit.StartAsync(Ct);
        kit.WriteV2();
        var writer = Writer(kit, canWrite: false);
        var before = await writer.ReadAsync(Ct);

        var error = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => writer.WriteAsync(before, Rotated, Ct).AsTask());
        var after = await writer.ReadAsync(Ct);

        Assert.Equal(CredentialFailureReason.AccessDenied, error.Reason);
        Assert.Contains("'create' and 'update'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"secret/data/{VaultTestKit.Path}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Rotated.ApiSecret, error.Message, StringComparison.Ordinal);
        Assert.Equal(VaultTestKit.Credentials, after.Credentials);
        Assert.Equal("1", after.Version);
    }

    [Fact]
    public async Task Write_SecretChangedSinceRead_WritesNothing()
    {
        await using var kit = await VaultTestKit.StartAsync(Ct);
        kit.WriteV2();
        var writer = Writer(kit, canWrite: true);
        var before = await writer.ReadAsync(Ct);
        var other = new CloudinaryCredentials("vault-cloud", "111222333444555", "Someone-Else-Secret");
        kit.WriteV2(other);

        var error = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => writer.WriteAsync(before, Rotated, Ct).AsTask());
        var after = await writer.ReadAsync(Ct);

        Assert.Contains("changed since it was read", error.Message, StringComparison.Ordinal);
        Assert.Equal(other, after.Credentials);
        Assert.Equal("2", after.Version);
    }

    [Fact]
    public async Task Restore_AfterWrite_ServesThePreviousCredentialsAgain()
    {
        await using var kit = await VaultTestKit.StartAsync(Ct);
        kit.WriteV2();
        var writer = Writer(kit, canWrite: true);
        var before = await writer.ReadAsync(Ct);
        var written = await writer.WriteAsync(before, Rotated, Ct);

        var restored = await writer.RestoreAsync(before, written, Ct);
        var after = await writer.ReadAsync(Ct);

        Assert.Equal("3", restored.Version);
        Assert.Equal(VaultTestKit.Credentials, after.Credentials);
    }

    [Fact]
    public async Task WriteKvV1_UrlField_StaysAUrl()
    {
        await using var kit = await VaultTestKit.StartAsync(Ct);
        kit.Emulator.EnableKv("kv", 1);
        kit.Emulator.WriteSecret("kv", VaultTestKit.Path, new Dictionary<string, string> { ["url"] = VaultTestKit.Credentials.ToCloudinaryUrl() });
        kit.Emulator.SetWritePolicy(WritePolicy, "kv/" + VaultTestKit.Path);
        var token = kit.Emulator.CreateToken(new VaultTokenSpec { Policies = [VaultTestKit.Policy, WritePolicy] });
        var options = kit.TokenOptions(token);
        options.MountPath = "kv";
        var source = kit.Source(options);
        var writer = new VaultCredentialStoreWriter(source);
        var before = await writer.ReadAsync(Ct);

        var written = await writer.WriteAsync(before, Rotated, Ct);
        var after = await writer.ReadAsync(Ct);

        Assert.Null(written.Version);
        Assert.Equal(Rotated.ApiKey, after.Credentials.ApiKey);
        Assert.Equal(Rotated.ApiSecret, after.Credentials.ApiSecret);
    }

    private static VaultCredentialStoreWriter Writer(VaultTestKit kit, bool canWrite)
    {
        kit.Emulator.SetWritePolicy(WritePolicy, $"secret/data/{VaultTestKit.Path}");
        var policies = canWrite ? new[] { "default", VaultTestKit.Policy, WritePolicy } : ["default", VaultTestKit.Policy];
        var token = kit.Emulator.CreateToken(new VaultTokenSpec { Policies = policies });
        return new VaultCredentialStoreWriter(kit.Source(kit.TokenOptions(token)));
    }

    private static async Task<string> ReadRawAsync(VaultTestKit kit)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kit.Emulator.Address, $"v1/secret/data/{VaultTestKit.Path}"));
        request.Headers.Add("X-Vault-Token", kit.Emulator.RootToken);
        using var response = await http.SendAsync(request, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
