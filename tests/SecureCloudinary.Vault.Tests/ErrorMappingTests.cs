using System.Net;
using System.Net.Sockets;

namespace SecureCloudinary.Vault.Tests;

public sealed class ErrorMappingTests
{
    [Fact]
    public async Task Sealed_ThrowsTransientUnavailableSayingSealed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        kit.Emulator.Seal();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(kit.AppRoleOptions()).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains("Vault is sealed", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, kit.Count("auth/approle/login", 503)); // 1 attempt + MaxRetries (2)
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task TransientStatus_IsRetriedWithinTheBound(HttpStatusCode status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions());
        await source.GetCredentialsAsync(ct);

        kit.Emulator.FailNextRequests(2, status);
        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal(VaultTestKit.Credentials, snapshot.Credentials);
        Assert.Equal(2, kit.Emulator.Requests.Count(r => r.StatusCode == (int)status));
    }

    [Fact]
    public async Task TransientStatus_BeyondTheBound_ThrowsTransientUnavailable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions());
        await source.GetCredentialsAsync(ct);

        kit.Emulator.FailNextRequests(3, HttpStatusCode.TooManyRequests);
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains("HTTP 429", e.Message, StringComparison.Ordinal);
        Assert.Contains("secret/data/cloudinary/prod", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotImplemented_IsNotRetriedAndNotTransient()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var source = kit.Source(kit.AppRoleOptions());
        await source.GetCredentialsAsync(ct);

        kit.Emulator.FailNextRequests(1, HttpStatusCode.NotImplemented);
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.False(e.IsTransient);
        Assert.Equal(1, kit.Emulator.Requests.Count(r => r.StatusCode == 501));
    }

    [Fact]
    public async Task KvUpgradeInProgress_IsRetried()
    {
        using var handler = new StubHandler(HttpStatusCode.BadRequest,
            """{"errors":["Upgrading from non-versioned to versioned data. This backend will be unavailable for a brief period and will resume service shortly."]}""");
        using var http = new HttpClient(handler);
        var options = new VaultCredentialSourceOptions
        {
            Address = new Uri("http://127.0.0.1:8200"),
            Path = "p",
            KvVersion = 1,
            RetryDelay = TimeSpan.Zero,
            Auth = new VaultAuthOptions { Token = "t" },
        };
        using var source = new VaultCredentialSource(http, options);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.True(e.IsTransient);
        Assert.Equal(6, handler.Calls); // lookup-self and the read, 3 attempts each
    }

    [Fact]
    public async Task ConnectionRefused_ThrowsTransientUnavailableNamingAddressSetting()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var options = new VaultCredentialSourceOptions
        {
            Address = new Uri($"http://127.0.0.1:{port}"),
            Path = "p",
            RetryDelay = TimeSpan.Zero,
            MaxRetries = 1,
            Auth = new VaultAuthOptions { Token = "Sentinel-Token_aa11" },
        };
        using var source = new VaultCredentialSource(http, options);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains("Cloudinary:Vault:Address (VAULT_ADDR)", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 attempts", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sentinel-Token_aa11", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedResponse_ThrowsNamingTheCap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await VaultTestKit.StartAsync(ct);
        kit.WriteV2();
        var options = kit.AppRoleOptions();
        options.MaxResponseBodyBytes = 64;

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await kit.Source(options).GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient); // a body Vault should not have sent: the store's (or a proxy's) problem, not the secret's
        Assert.Contains("Cloudinary:Vault:MaxResponseBodyBytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VaultErrorsQuotingASecret_AreNotSurfaced()
    {
        const string token = "hvs.Sentinel0Token1Value2abcdefgh";
        using var handler = new StubHandler(HttpStatusCode.Forbidden,
            $$"""{"errors":["token {{token}} is not allowed", "permission denied"]}""");
        using var http = new HttpClient(handler);
        var options = new VaultCredentialSourceOptions
        {
            Address = new Uri("http://127.0.0.1:8200"),
            Path = "p",
            Auth = new VaultAuthOptions { Token = token },
        };
        using var source = new VaultCredentialSource(http, options);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("\"permission denied\"", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sentinel0Token", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonErrorBody_IsReportedByStatusOnly()
    {
        using var handler = new StubHandler(HttpStatusCode.NotFound, "<html>Sentinel-Proxy-Page</html>");
        using var http = new HttpClient(handler);
        var options = new VaultCredentialSourceOptions
        {
            Address = new Uri("http://127.0.0.1:8200"),
            Path = "p",
            KvVersion = 2,
            Auth = new VaultAuthOptions { Token = "t" },
        };
        using var source = new VaultCredentialSource(http, options);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.DoesNotContain("Sentinel-Proxy-Page", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("permission denied", true)]
    [InlineData("invalid role or secret ID", true)]
    [InlineData("token hvs.CAESIJ is bad", false)]
    [InlineData("bad jwt eyJhbGciOiJSUzI1NiJ9", false)]
    [InlineData("key 0123456789abcdef0123456789abcdef rejected", false)]
    public void ErrorText_IsSafe_RejectsSecretShapes(string message, bool safe) =>
        Assert.Equal(safe, Internal.VaultErrorText.IsSafe(message));

    [Fact]
    public void ErrorText_Describe_DropsMessagesHoldingAKnownSecretAndCapsCount()
    {
        var text = Internal.VaultErrorText.Describe(["a", "uses my-password here", "b", "c", "d"], ["my-password"]);

        Assert.Equal(" Vault said: \"a\"; \"b\"; \"c\".", text);
    }
}
