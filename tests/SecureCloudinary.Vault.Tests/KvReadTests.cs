using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Vault.Tests;

public sealed class KvReadTests
{
    private const string Detect = "sys/internal/ui/mounts/secret";

    [Fact]
    public async Task AutoDetect_KvV2_DetectsOnceAndUsesTheDataPath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions());

        await source.GetCredentialsAsync(ct);
        await source.GetCredentialsAsync(ct);

        Assert.Equal(1, kit.Count(Detect, 200));
        Assert.Equal(2, kit.Count("secret/data/" + VaultTestKit.Path, 200));
    }

    [Fact]
    public async Task AutoDetect_KvV1_ReadsThePlainPathWithTheLeaseAsExpiry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.Emulator.EnableKv("kv", 1);
        var fields = VaultTestKit.Fields(VaultTestKit.Credentials);
        fields["ttl"] = "1h";
        kit.Emulator.WriteSecret("kv", VaultTestKit.Path, fields);
        var options = kit.AppRoleOptions();
        options.MountPath = "kv";

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Null(snapshot.Version);
        Assert.Equal(kit.Time.GetUtcNow().AddHours(1), snapshot.ExpiresAt);
        Assert.Equal(1, kit.Count("kv/" + VaultTestKit.Path, 200));
    }

    [Fact]
    public async Task ExplicitKvVersion_SkipsDetection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var options = kit.AppRoleOptions();
        options.KvVersion = 2;

        await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(0, kit.Count(Detect));
    }

    [Fact]
    public async Task KvVersion1_OnAVersionedMount_ThrowsNotFoundSayingToSetKvVersion2()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.Emulator.SetPolicy(VaultTestKit.Policy, "secret/*");
        var options = kit.AppRoleOptions();
        options.KvVersion = 1;

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("Set Cloudinary:Vault:KvVersion to 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinnedVersion_ReadsThatVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.WriteV2(new CloudinaryCredentials("vault-cloud", "222222222222222", "Second-Secret_x1y2z3"));
        var options = kit.AppRoleOptions();
        options.Version = 1;

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal("1", snapshot.Version);
        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
    }

    [Fact]
    public async Task LatestVersionSoftDeleted_ThrowsNotFoundSayingSo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.Emulator.SoftDeleteVersion("secret", VaultTestKit.Path);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(kit.AppRoleOptions()).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("Version 1 of the Vault secret secret/data/cloudinary/prod was deleted (soft delete)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinnedVersionDestroyed_ThrowsNotFoundSayingSo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.WriteV2();
        kit.Emulator.DestroyVersion("secret", VaultTestKit.Path, 1);
        var options = kit.AppRoleOptions();
        options.Version = 1;

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("Version 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("destroyed", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:Vault:Version", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_ThrowsNotFoundNamingMountAndPath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(kit.AppRoleOptions()).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Contains("secret/data/cloudinary/prod", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:Vault:MountPath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denied_ThrowsAccessDeniedNamingTheReadCapability()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.Emulator.SetPolicy(VaultTestKit.Policy, "secret/data/other");

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(kit.AppRoleOptions()).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("'read' on 'secret/data/cloudinary/prod'", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, kit.LoginCount()); // one fresh login was tried before giving up
    }

    [Fact]
    public async Task UrlField_AndCustomFieldNames_AreAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.Emulator.WriteSecret("secret", VaultTestKit.Path, new Dictionary<string, string>
        {
            ["cloudinary"] = VaultTestKit.Credentials.ToCloudinaryUrl(),
            ["key"] = "555555555555555",
        });
        var options = kit.AppRoleOptions();
        options.Fields = new VaultFieldOptions { Url = "cloudinary", ApiKey = "key" };

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials.CloudName, snapshot.Credentials.CloudName);
        Assert.Equal("555555555555555", snapshot.Credentials.ApiKey);
        Assert.Equal(VaultTestKit.Credentials.ApiSecret, snapshot.Credentials.ApiSecret);
    }

    [Fact]
    public async Task PathSegments_AreEscaped()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.Emulator.WriteSecret("secret", "team a/cloudinary+prod", VaultTestKit.Fields(VaultTestKit.Credentials));
        kit.Emulator.SetPolicy(VaultTestKit.Policy, "secret/data/team a/cloudinary+prod");
        var options = kit.AppRoleOptions();
        options.Path = "team a/cloudinary+prod";

        var e = await Record.ExceptionAsync(async () => await kit.Source(options).GetCredentialsAsync(ct));

        // Whitespace is refused by validation: segments never carry spaces, '?', '#' or '%'.
        var argument = Assert.IsType<ArgumentException>(e);
        Assert.Contains("Cloudinary:Vault:Path contains a character that is not allowed", argument.Message, StringComparison.Ordinal);
        options.Path = "team_a/cloudinary+prod";
        kit.Emulator.WriteSecret("secret", "team_a/cloudinary+prod", VaultTestKit.Fields(VaultTestKit.Credentials));
        kit.Emulator.SetPolicy(VaultTestKit.Policy, "secret/data/team_a/cloudinary+prod");
        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);
        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
    }

    [Fact]
    public async Task AutoDetect_Forbidden_ReportsThePermissionProblemInsteadOfAssumingKvV2()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.Emulator.SetPolicy("elsewhere", "other/data/app");
        var token = kit.Emulator.CreateToken(new VaultTokenSpec { Policies = ["elsewhere"], Ttl = TimeSpan.FromHours(1) });

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(kit.TokenOptions(token)).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("sys/internal/ui/mounts/secret", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:Vault:KvVersion", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, kit.Count("secret/data/" + VaultTestKit.Path));
    }
}
