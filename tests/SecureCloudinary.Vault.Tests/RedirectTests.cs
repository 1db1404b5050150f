using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCloudinary.Testing.Vault;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault.Tests;

/// <summary>Vault HA standbys answer 307 with the active node's address: followed by us, under rules.</summary>
public sealed class RedirectTests
{
    [Fact]
    public async Task StandbyRedirect_LoginAndReadFollowToTheActiveNode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        await using var standby = await VaultEmulator.StartAsync(new VaultEmulatorOptions { TimeProvider = kit.Time }, ct);
        standby.RedirectTo(kit.Emulator.Address);
        var options = kit.AppRoleOptions();
        options.Address = standby.Address;

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Contains(standby.Requests, r => r.Path == "auth/approle/login" && r.StatusCode == 307);
        Assert.Equal(1, kit.LoginCount());
        Assert.Equal(1, kit.Count("secret/data/" + VaultTestKit.Path, 200));
        Assert.Contains(kit.Logs.GetSnapshot(), r => r.Id.Id == 1220);
    }

    [Theory]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.Found)]
    public async Task Redirect301And302_AreFollowedToo(HttpStatusCode status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        await using var standby = await VaultEmulator.StartAsync(new VaultEmulatorOptions { TimeProvider = kit.Time }, ct);
        standby.RedirectTo(kit.Emulator.Address, status);
        var options = kit.TokenOptions(kit.Emulator.RootToken);
        options.Address = standby.Address;

        var snapshot = await kit.Source(options).GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
    }

    [Fact]
    public async Task DisableRedirects_ReportsTheRedirectNotARejectedLogin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        await using var standby = await VaultEmulator.StartAsync(new VaultEmulatorOptions { TimeProvider = kit.Time }, ct);
        standby.RedirectTo(kit.Emulator.Address);
        var options = kit.AppRoleOptions();
        options.Address = standby.Address;
        options.DisableRedirects = true;

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.Contains("HTTP 307", e.Message, StringComparison.Ordinal);
        Assert.Contains("DisableRedirects", e.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Emulator.Requests);
    }

    [Fact]
    public async Task ThreeRedirectsInARow_StopsAfterTwoHops()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        await using var first = await VaultEmulator.StartAsync(cancellationToken: ct);
        await using var second = await VaultEmulator.StartAsync(cancellationToken: ct);
        await using var third = await VaultEmulator.StartAsync(cancellationToken: ct);
        first.RedirectTo(second.Address);
        second.RedirectTo(third.Address);
        third.RedirectTo(kit.Emulator.Address);
        var options = kit.AppRoleOptions();
        options.Address = first.Address;
        options.MaxRetries = 0;

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.Contains("more than 2 redirects", e.Message, StringComparison.Ordinal);
        Assert.Single(third.Requests);
        Assert.Empty(kit.Emulator.Requests);
    }

    [Fact]
    public async Task RedirectFromHttpsToHttp_IsRefusedAndTheTokenStaysHome()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = TestCertificates.Server();
        await using var active = await VaultEmulator.StartAsync(cancellationToken: ct);
        await using var standby = await VaultEmulator.StartAsync(new VaultEmulatorOptions { ServerCertificate = certificate }, ct);
        standby.RedirectTo(active.Address);
        var options = new VaultCredentialSourceOptions
        {
            Address = standby.Address,
            Path = "p",
            MaxRetries = 0,
            CaCertificate = certificate.ExportCertificatePem(),
            Auth = new VaultAuthOptions { Token = active.RootToken },
        };
        using var http = new HttpClient(VaultHttpHandlerFactory.Create(options, NullLogger.Instance));
        using var source = new VaultCredentialSource(http, options);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.Contains("changes the scheme", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(standby.Requests);
        Assert.Empty(active.Requests);
        Assert.DoesNotContain(active.RootToken, e.Message, StringComparison.Ordinal);
    }
}
