using System.Text;

namespace SecureCloudinary.Conjur.Tests;

public sealed class ConjurAuthenticationTests
{
    private static readonly CloudinaryCredentials Credentials = new("demo", "123456789012345", "Auth-Secret_0a1b2c3d");

    [Fact]
    public async Task GetCredentials_ApiKey_PostsToEncodedLoginWithBase64AcceptEncoding()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        using var source = kit.Source();

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(Credentials, snapshot.Credentials);
        var auth = Assert.Single(kit.Requests("/authenticate"));
        Assert.Equal("POST", auth.Method);
        Assert.Equal("/authn/myorg/host%2Fapps%2Fweb/authenticate", auth.Target);
        Assert.True(auth.AcceptedBase64);
        Assert.Equal(200, auth.StatusCode);
    }

    [Fact]
    public async Task GetCredentials_ApiKeyFile_ReadsTheKeyAtEachAuthentication()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        using var keyFile = new TempFile(kit.ApiKey + "\n");
        using var source = kit.Source(o => { o.ApiKey = null; o.ApiKeyFile = keyFile.Path; });
        await source.GetCredentialsAsync(ct);

        keyFile.Write(kit.Emulator.RotateApiKey(ConjurTestKit.Login));
        kit.Emulator.RevokeAllTokens();
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(Credentials, snapshot.Credentials);
        Assert.Equal(2, kit.Requests("/authenticate").Count(r => r.StatusCode == 200));
    }

    [Fact]
    public async Task GetCredentials_WrongApiKey_ThrowsAccessDeniedNamingTheLoginNotTheKey()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        const string wrongKey = "wrong-key-3b1f9e0c7a";
        using var source = kit.Source(o => o.ApiKey = wrongKey);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.False(e.IsTransient);
        Assert.Contains("host/apps/web", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:Conjur:ApiKey", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, e.ToString(), StringComparison.Ordinal);
        kit.AssertNotLogged(wrongKey);
    }

    [Theory]
    [InlineData(true, "/authn-jwt/k8s/myorg/host%2Fapps%2Fweb/authenticate")]
    [InlineData(false, "/authn-jwt/k8s/myorg/authenticate")]
    public async Task GetCredentials_Jwt_PostsTheJwtFromTheFile(bool hostIdInUrl, string expectedTarget)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        const string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3ZWIifQ.c2lnbmF0dXJl";
        kit.Emulator.AddJwt("k8s", jwt, ConjurTestKit.Login, hostIdInUrl);
        using var jwtFile = new TempFile(jwt + "\n");
        using var source = kit.Source(o =>
        {
            o.Login = null;
            o.ApiKey = null;
            o.ServiceId = "k8s";
            o.JwtFile = jwtFile.Path;
            o.HostId = hostIdInUrl ? ConjurTestKit.Login : null;
        });

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(Credentials, snapshot.Credentials);
        var auth = Assert.Single(kit.Requests("/authenticate"));
        Assert.Equal(expectedTarget, auth.Target);
    }

    [Fact]
    public async Task GetCredentials_JwtRejected_ThrowsAccessDeniedNamingTheSettingNotTheJwt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        const string jwt = "eyJ.unknown-jwt-5d2c.sig";
        using var jwtFile = new TempFile(jwt);
        using var source = kit.Source(o => { o.Authenticator = ConjurAuthenticator.Jwt; o.ServiceId = "k8s"; o.JwtFile = jwtFile.Path; });

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("Cloudinary:Conjur:JwtFile", e.Message, StringComparison.Ordinal);
        Assert.Contains("authn-jwt/k8s", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetCredentials_TokenFile_UsesTheTokenWithoutAuthenticating(bool base64)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        var token = kit.Emulator.IssueToken(ConjurTestKit.Login);
        using var tokenFile = new TempFile(base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(token)) : token);
        using var source = kit.Source(o => { o.Login = null; o.ApiKey = null; o.TokenFile = tokenFile.Path; });

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(Credentials, snapshot.Credentials);
        Assert.Empty(kit.Requests("/authenticate"));
    }

    [Fact]
    public async Task GetCredentials_TokenFileRewritten_UsesTheNewToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        using var tokenFile = new TempFile(kit.Emulator.IssueToken(ConjurTestKit.Login));
        using var source = kit.Source(o => { o.Login = null; o.ApiKey = null; o.TokenFile = tokenFile.Path; });
        await source.GetCredentialsAsync(ct);
        kit.Emulator.RevokeAllTokens();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));
        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("Cloudinary:Conjur:TokenFile", e.Message, StringComparison.Ordinal);

        tokenFile.Write(kit.Emulator.IssueToken(ConjurTestKit.Login) + " ");
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(Credentials, snapshot.Credentials);
    }
}
