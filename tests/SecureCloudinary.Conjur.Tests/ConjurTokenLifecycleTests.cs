namespace SecureCloudinary.Conjur.Tests;

public sealed class ConjurTokenLifecycleTests
{
    private static readonly CloudinaryCredentials Credentials = new("demo", "123456789012345", "Token-Secret_9f8e7d6c");

    [Fact]
    public async Task GetCredentials_WithinTokenLifetime_ReusesTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await StartAsync(ct);
        using var source = kit.Source();

        await source.GetCredentialsAsync(ct);
        kit.Time.Advance(TimeSpan.FromMinutes(6));
        await source.GetCredentialsAsync(ct);

        Assert.Single(kit.Requests("/authenticate"));
        Assert.Equal(1, source.Client.Tokens.IssuedCount);
    }

    [Fact]
    public async Task GetCredentials_NearTokenExpiry_RenewsBeforeConjurWouldReject()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await StartAsync(ct);
        using var source = kit.Source();
        await source.GetCredentialsAsync(ct);

        // 8-minute token: renewed when 15 % (72 s) is left, i.e. after 6 min 48 s.
        kit.Time.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(50));
        await source.GetCredentialsAsync(ct);

        Assert.Equal(2, kit.Requests("/authenticate").Count());
        Assert.DoesNotContain(kit.Emulator.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task GetCredentials_ShortLivedToken_ReadsTheLifetimeFromTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await StartAsync(ct, TimeSpan.FromMinutes(2));
        using var source = kit.Source();
        await source.GetCredentialsAsync(ct);

        // 2-minute token: 15 % is 18 s, below the 30 s minimum margin, so renewal is due after 90 s.
        kit.Time.Advance(TimeSpan.FromSeconds(89));
        await source.GetCredentialsAsync(ct);
        Assert.Single(kit.Requests("/authenticate"));

        kit.Time.Advance(TimeSpan.FromSeconds(2));
        await source.GetCredentialsAsync(ct);
        Assert.Equal(2, kit.Requests("/authenticate").Count());
        Assert.DoesNotContain(kit.Emulator.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task GetCredentials_TokenRejected_ReauthenticatesOnceAndRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await StartAsync(ct);
        using var source = kit.Source();
        await source.GetCredentialsAsync(ct);
        kit.Emulator.RevokeAllTokens();

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(Credentials, snapshot.Credentials);
        Assert.Equal(2, kit.Requests("/authenticate").Count());
        Assert.Single(kit.Emulator.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task GetCredentials_RejectedAgainAfterReauthentication_ThrowsAccessDenied()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await StartAsync(ct);
        using var source = kit.Source();
        await source.GetCredentialsAsync(ct);
        kit.Emulator.SetRoleEnabled(ConjurTestKit.Login, enabled: false);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("host/apps/web", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, kit.Requests("/authenticate").Count());
    }

    [Fact]
    public async Task GetCredentials_ConcurrentCalls_AuthenticateOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await StartAsync(ct);
        using var source = kit.Source();

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => source.GetCredentialsAsync(ct).AsTask()));

        Assert.All(snapshots, s => Assert.Equal(Credentials, s.Credentials));
        Assert.Single(kit.Requests("/authenticate"));
    }

    private static async Task<ConjurTestKit> StartAsync(CancellationToken ct, TimeSpan? ttl = null)
    {
        var kit = await ConjurTestKit.StartAsync(ct, o => o.TokenTimeToLive = ttl ?? TimeSpan.FromMinutes(8));
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        return kit;
    }
}
