using System.Net;

namespace SecureCloudinary.Vault.Tests;

public sealed class TokenLifecycleTests
{
    private const string RenewSelf = "auth/token/renew-self";

    [Fact]
    public async Task Read_BeforeTwoThirdsOfTtl_DoesNotRenew()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30))));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(19));
        await source.GetCredentialsAsync(ct);

        Assert.Equal(0, kit.Count(RenewSelf));
        Assert.Equal(1, kit.LoginCount());
    }

    [Fact]
    public async Task Read_AtTwoThirdsOfTtl_RenewsSelfAndKeepsTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30))));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(20));
        await source.GetCredentialsAsync(ct);
        kit.Time.Advance(TimeSpan.FromMinutes(15)); // past the original expiry (30 min): only a renewal keeps it valid
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(1, kit.Count(RenewSelf, 200));
        Assert.Equal(1, kit.LoginCount());
    }

    [Fact]
    public async Task Timer_AtTwoThirdsOfTtl_RenewsInTheBackgroundWithoutAnyRead()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30))));
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(0, kit.Count(RenewSelf));
        kit.Time.Advance(TimeSpan.FromMinutes(1));
        await source.Tokens.BackgroundRefresh.WaitAsync(ct);

        Assert.Equal(1, kit.Count(RenewSelf, 200));
        Assert.Equal(kit.Time.GetUtcNow().AddMinutes(30), source.Tokens.Current!.ExpiresAt);
    }

    [Fact]
    public async Task Read_NotRenewableAtTwoThirdsOfTtl_LogsInAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30), renewable: false)));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(21));
        await source.GetCredentialsAsync(ct);

        Assert.Equal(0, kit.Count(RenewSelf));
        Assert.Equal(2, kit.LoginCount());
    }

    [Fact]
    public async Task Read_AfterExpiry_LogsInAgainWithoutRenewing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30))));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(31));
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(0, kit.Count(RenewSelf));
        Assert.Equal(2, kit.LoginCount());
        Assert.Equal(0, kit.Emulator.Requests.Count(r => r.StatusCode == 403));
    }

    [Fact]
    public async Task Renewal_AtMaxTtl_StopsRenewingAndLogsInAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var spec = VaultTestKit.Spec(TimeSpan.FromMinutes(30), maxTtl: TimeSpan.FromMinutes(30));
        var source = kit.Source(kit.AppRoleOptions(spec));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(20));
        await source.GetCredentialsAsync(ct); // renew-self answers a lease that did not grow (10 min left)
        kit.Time.Advance(TimeSpan.FromMinutes(7)); // two thirds of the 10 minutes left
        await source.GetCredentialsAsync(ct);

        Assert.Equal(1, kit.Count(RenewSelf, 200));
        Assert.Equal(2, kit.LoginCount());
    }

    [Fact]
    public async Task Renewal_Denied_LogsInAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30))));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);
        kit.Emulator.RevokeAllTokens();

        kit.Time.Advance(TimeSpan.FromMinutes(20));
        await source.GetCredentialsAsync(ct);

        Assert.Equal(1, kit.Count(RenewSelf, 403));
        Assert.Equal(2, kit.LoginCount());
    }

    [Fact]
    public async Task Renewal_TransientFailure_KeepsTheTokenAndRetriesLater()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30))));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(20));
        kit.Emulator.FailNextRequests(3, HttpStatusCode.InternalServerError);
        var snapshot = await source.GetCredentialsAsync(ct);
        kit.Time.Advance(TimeSpan.FromMinutes(7));
        await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(3, kit.Count(RenewSelf, 500));
        Assert.Equal(1, kit.Count(RenewSelf, 200));
        Assert.Equal(1, kit.LoginCount());
    }

    [Fact]
    public async Task Read_Forbidden_LogsInOnceForConcurrentCallersAndRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions());
        await source.GetCredentialsAsync(ct);
        kit.Emulator.RevokeAllTokens();

        var reads = Enumerable.Range(0, 8).Select(_ => source.GetCredentialsAsync(ct).AsTask()).ToArray();
        var snapshots = await Task.WhenAll(reads);

        Assert.All(snapshots, s => Assert.Equal(VaultTestKit.Credentials, s.Credentials));
        Assert.Equal(2, kit.LoginCount());
        Assert.Equal(1, kit.Emulator.LiveTokenCount);
    }

    [Fact]
    public async Task StaticToken_Renewable_IsRenewedAtTwoThirdsOfItsTtl()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var token = kit.Emulator.CreateToken(VaultTestKit.Spec(TimeSpan.FromMinutes(30)));
        var source = kit.Source(kit.TokenOptions(token));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(20));
        await source.GetCredentialsAsync(ct);
        kit.Time.Advance(TimeSpan.FromMinutes(15));
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(1, kit.Count(RenewSelf, 200));
    }

    [Fact]
    public async Task StaticToken_Expired_ThrowsAccessDeniedSayingTheTokenMayHaveExpired()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var token = kit.Emulator.CreateToken(VaultTestKit.Spec(TimeSpan.FromMinutes(30), renewable: false));
        var source = kit.Source(kit.TokenOptions(token));
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromMinutes(31));
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("invalid, expired or revoked", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootToken_NeverExpires_IsNotRenewed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.TokenOptions(kit.Emulator.RootToken));
        await source.GetCredentialsAsync(ct);

        kit.Time.Advance(TimeSpan.FromDays(400));
        await source.GetCredentialsAsync(ct);

        Assert.Null(source.Tokens.Current!.ExpiresAt);
        Assert.Equal(0, kit.Count(RenewSelf));
    }

    [Fact]
    public async Task Rotation_NewKvV2Version_IsPickedUpAtTheNextRead()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions());
        var before = await source.GetCredentialsAsync(ct);

        var rotated = new CloudinaryCredentials("vault-cloud", "999999999999999", "Rotated-Secret_77aa88bb");
        kit.WriteV2(rotated);
        var after = await source.GetCredentialsAsync(ct);

        Assert.Equal("1", before.Version);
        Assert.Equal("2", after.Version);
        Assert.Equal(rotated, after.Credentials);
    }

    [Fact]
    public async Task FirstReads_Concurrent_ShareOneLogin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions());

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => source.GetCredentialsAsync(ct).AsTask()));

        Assert.All(snapshots, s => Assert.Equal(VaultTestKit.Credentials, s.Credentials));
        Assert.Equal(1, kit.LoginCount());
    }

    [Fact]
    public async Task Timer_ReLoginFailsTransiently_KeepsTheValidTokenAndLogsInLater()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30), renewable: false)));
        await source.GetCredentialsAsync(ct);

        kit.Emulator.Seal();
        kit.Time.Advance(TimeSpan.FromMinutes(20));
        await source.Tokens.BackgroundRefresh.WaitAsync(ct);
        kit.Emulator.Unseal();
        var whileDeferred = await source.GetCredentialsAsync(ct);
        var loginsWhileDeferred = kit.LoginCount();
        kit.Time.Advance(TimeSpan.FromMinutes(7)); // two thirds of the 10 minutes that were left
        await source.Tokens.BackgroundRefresh.WaitAsync(ct);
        await source.GetCredentialsAsync(ct);

        Assert.Contains(kit.Logs.GetSnapshot(), r => r.Id.Id == 1211);
        Assert.Equal(VaultTestKit.Credentials, whileDeferred.Credentials);
        Assert.Equal(1, loginsWhileDeferred);
        Assert.Equal(2, kit.LoginCount());
    }

    [Fact]
    public async Task Read_AfterExpiryWhileVaultIsDown_ThrowsTransientUnavailable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions(VaultTestKit.Spec(TimeSpan.FromMinutes(30))));
        source.Tokens.BackgroundRenewal = false;
        await source.GetCredentialsAsync(ct);

        kit.Emulator.Seal();
        kit.Time.Advance(TimeSpan.FromMinutes(31));
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
    }
}
