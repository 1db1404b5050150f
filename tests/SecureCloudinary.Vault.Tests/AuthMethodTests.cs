namespace SecureCloudinary.Vault.Tests;

public sealed class AuthMethodTests
{
    [Fact]
    public async Task Token_ValidToken_LooksItUpAndReadsTheSecret()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.TokenOptions(kit.Emulator.CreateToken(VaultTestKit.Spec())));

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal("1", snapshot.Version);
        Assert.Equal(1, kit.Count("auth/token/lookup-self", 200));
        Assert.All(kit.Emulator.Requests, r => Assert.True(r.HadToken));
    }

    [Fact]
    public async Task Token_RevokedToken_ThrowsAccessDeniedNamingTheSetting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var token = kit.Emulator.CreateToken(VaultTestKit.Spec());
        kit.Emulator.RevokeToken(token);
        var source = kit.Source(kit.TokenOptions(token));

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("Cloudinary:Vault:Auth:Token", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRole_SecretIdValue_LogsInOnceForManyReads()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions());

        await source.GetCredentialsAsync(ct);
        await source.GetCredentialsAsync(ct);
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(1, kit.LoginCount());
    }

    [Fact]
    public async Task AppRole_SecretIdFile_ReadsTheFile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        using var file = new TempFile(VaultTestKit.SecretId + "\n");
        var options = kit.AppRoleOptions();
        options.Auth.SecretId = null;
        options.Auth.SecretIdFile = file.Path;

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials.ApiKey, snapshot.Credentials.ApiKey);
        Assert.Equal(1, kit.LoginCount());
    }

    [Fact]
    public async Task AppRole_WrappedSecretId_UnwrapsOnceAndReusesItForReLogin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var options = kit.AppRoleOptions();
        options.Auth.SecretId = kit.Emulator.WrapSecretId(VaultTestKit.SecretId, TimeSpan.FromMinutes(5));
        options.Auth.SecretIdIsWrapped = true;
        var source = kit.Source(options);

        await source.GetCredentialsAsync(ct);
        kit.Emulator.RevokeAllTokens();
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(1, kit.Count("sys/wrapping/unwrap", 200));
        Assert.Equal(2, kit.LoginCount());
    }

    [Fact]
    public async Task AppRole_UsedWrappingToken_ThrowsAccessDeniedSayingToIssueANewOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var options = kit.AppRoleOptions();
        options.Auth.SecretId = kit.Emulator.WrapSecretId(VaultTestKit.SecretId, TimeSpan.FromMinutes(5));
        options.Auth.SecretIdIsWrapped = true;
        await kit.Source(options).GetCredentialsAsync(ct);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("wrapping token works once", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(options.Auth.SecretId, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRole_WrongSecretId_ThrowsAccessDeniedNamingRoleId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var options = kit.AppRoleOptions();
        options.Auth.SecretId = "wrong-secret-id";

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.False(e.IsTransient);
        Assert.Contains("auth/approle/login", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:Vault:Auth:RoleId", e.Message, StringComparison.Ordinal);
        Assert.Contains("invalid secret id", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-id", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_RotatedServiceAccountToken_IsReReadAtTheNextLogin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.Emulator.AddKubernetesRole("web", "sa-jwt-one", VaultTestKit.Spec());
        using var jwt = new TempFile("sa-jwt-one");
        var options = kit.Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.Kubernetes, Role = "web", JwtFile = jwt.Path };
        var source = kit.Source(options);
        await source.GetCredentialsAsync(ct);

        jwt.Write("sa-jwt-two");
        kit.Emulator.RevokeCredentials("kubernetes", "web");
        kit.Emulator.AcceptJwt("kubernetes", "web", "sa-jwt-two");
        kit.Emulator.RevokeAllTokens();
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(2, kit.LoginCount("kubernetes"));
    }

    [Fact]
    public async Task Kubernetes_MissingJwtFile_ThrowsTransientNamingTheSetting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        var options = kit.Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.Kubernetes, Role = "web", JwtFile = "/nonexistent/dir/token" };

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains("Cloudinary:Vault:Auth:JwtFile does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwt_NoRole_UsesTheMountsDefaultRoleOnACustomMount()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.Emulator.AddJwtRole("ci", "ci-jwt-value", VaultTestKit.Spec(), isDefaultRole: true, mountPath: "gitlab");
        using var jwt = new TempFile("ci-jwt-value");
        var options = kit.Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.Jwt, JwtFile = jwt.Path, MountPath = "gitlab" };

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(1, kit.LoginCount("gitlab"));
    }

    [Fact]
    public async Task Jwt_RejectedJwt_ThrowsAccessDenied()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.Emulator.AddJwtRole("ci", "ci-jwt-value", VaultTestKit.Spec());
        using var jwt = new TempFile("another-jwt-value");
        var options = kit.Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.Jwt, Role = "ci", JwtFile = jwt.Path };

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("auth/jwt/login (HTTP 403)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserPass_ValidPassword_LogsInAtTheUsersPath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.Emulator.AddUser("deploy", "User-Password_5e6f", VaultTestKit.Spec());
        var options = kit.Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.UserPass, Username = "deploy", Password = "User-Password_5e6f" };

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(1, kit.Count("auth/userpass/login/deploy", 200));
    }

    [Fact]
    public async Task UserPass_WrongPassword_ThrowsAccessDeniedWithoutThePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.Emulator.AddUser("deploy", "User-Password_5e6f", VaultTestKit.Spec());
        var options = kit.Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.UserPass, Username = "deploy", Password = "Wrong-Password_9a8b" };

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("Cloudinary:Vault:Auth:Username and Password", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-Password_9a8b", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthMount_NotEnabled_ThrowsAccessDeniedNamingMountPath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        var options = kit.Base();
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.AppRole, RoleId = "r", SecretId = "s", MountPath = "nowhere" };

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("auth/nowhere", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:Vault:Auth:MountPath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespace_SentOnLoginAndRead_ReadsTheNamespacedSecret()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.Emulator.EnableKv("secret", 2, "admin/team");
        kit.Emulator.WriteSecret("secret", VaultTestKit.Path, VaultTestKit.Fields(VaultTestKit.Credentials), "admin/team");
        kit.Emulator.AddAppRole("team-role", "team-secret", VaultTestKit.Spec(), vaultNamespace: "admin/team");
        var options = kit.Base();
        options.Namespace = "admin/team/";
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.AppRole, RoleId = "team-role", SecretId = "team-secret" };

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.All(kit.Emulator.Requests, r => Assert.Equal("admin/team", r.Namespace));
    }
}
