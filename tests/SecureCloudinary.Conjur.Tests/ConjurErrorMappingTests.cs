using System.Net;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing.Conjur;

namespace SecureCloudinary.Conjur.Tests;

public sealed class ConjurErrorMappingTests
{
    private const string Sentinel = "Sentinel-Secret_3f9c2a7d61b84e05";

    [Fact]
    public async Task GetCredentials_NoExecutePrivilege_ThrowsAccessDeniedNamingExecuteAndTheVariable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, $"cloudinary://123456789012345:{Sentinel}@demo");
        kit.Emulator.Permit(ConjurTestKit.Login, ConjurTestKit.UrlVariable, ConjurPrivileges.Read);
        using var source = kit.Source();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("'execute'", e.Message, StringComparison.Ordinal);
        Assert.Contains("myorg:variable:apps/web/cloudinary-url", e.Message, StringComparison.Ordinal);
        Assert.Contains("host/apps/web", e.Message, StringComparison.Ordinal);
        AssertNoLeak(kit, e, kit.ApiKey);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetCredentials_BatchWithOneFailingVariable_NamesThatVariable(bool missing)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set("p/cloud", "demo");
        kit.Set("p/key", "123456789012345");
        kit.Set("p/secret", Sentinel);
        if (missing)
        {
            kit.Emulator.DeleteVariable("p/key");
        }
        else
        {
            kit.Emulator.Permit(ConjurTestKit.Login, "p/key", ConjurPrivileges.Read);
        }

        using var source = kit.Source(o =>
        {
            o.Variable = null;
            o.Variables = new ConjurVariableIds { CloudName = "p/cloud", ApiKey = "p/key", ApiSecret = "p/secret" };
        });

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(missing ? CredentialFailureReason.NotFound : CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("myorg:variable:p/key", e.Message, StringComparison.Ordinal);
        Assert.Contains(kit.Emulator.Requests, r => r.Target.StartsWith("/secrets?", StringComparison.Ordinal) && r.StatusCode == (missing ? 404 : 403));
        AssertNoLeak(kit, e, kit.ApiKey);
    }

    [Fact]
    public async Task GetCredentials_VariableWithoutValue_ThrowsNotFoundNamingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Emulator.DeclareVariable(ConjurTestKit.UrlVariable);
        kit.Emulator.Permit(ConjurTestKit.Login, ConjurTestKit.UrlVariable);
        using var source = kit.Source();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.False(e.IsTransient);
        Assert.Contains("myorg:variable:apps/web/cloudinary-url", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_TransientFailures_RecoverWithinTheRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, "cloudinary://123456789012345:Retry-Secret_ee@demo");
        kit.Emulator.FailNextRequests(2, HttpStatusCode.BadGateway);
        using var source = kit.Source(o => { o.MaxRetries = 2; o.RetryDelay = TimeSpan.Zero; });

        var snapshot = await source.GetCredentialsAsync(ct);

        Assert.Equal("demo", snapshot.Credentials.CloudName);
        Assert.Equal(2, kit.Emulator.Requests.Count(r => r.StatusCode == 502));
    }

    [Fact]
    public async Task GetCredentials_ServerErrors_BackOffOnTheClockThenThrowTransient()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var handler = new StubHttpHandler(r => r.Method == HttpMethod.Post
            ? StubHttpHandler.Token()
            : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent(Sentinel) });
        using var http = new HttpClient(handler);
        using var source = new ConjurCredentialSource(http, new ConjurCredentialSourceOptions
        {
            ApplianceUrl = new Uri("https://conjur.example.com"),
            Account = "myorg",
            Login = "host/apps/web",
            ApiKey = Sentinel,
            Variable = "v",
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromSeconds(1),
        }, time);

        var task = source.GetCredentialsAsync(ct).AsTask();
        Assert.False(task.IsCompleted);
        Assert.Equal(1, handler.Paths.Count(p => p.StartsWith("/secrets", StringComparison.Ordinal)));
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => task);
        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains("503", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Paths.Count(p => p.StartsWith("/secrets", StringComparison.Ordinal)));
        Assert.DoesNotContain(Sentinel, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_Unreachable_ThrowsTransientUnavailable()
    {
        var ct = TestContext.Current.CancellationToken;
        var kit = await ConjurTestKit.StartAsync(ct);
        var options = kit.Options();
        await kit.DisposeAsync();
        using var http = new HttpClient();
        using var source = new ConjurCredentialSource(http, options);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.DoesNotContain(options.ApiKey!, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_OversizedBody_IsRefusedWithoutReadingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, new string('a', 5000) + Sentinel);
        using var source = kit.Source(o => o.MaxResponseBodyBytes = 4096);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct));

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Contains("MaxResponseBodyBytes", e.Message, StringComparison.Ordinal);
        AssertNoLeak(kit, e, kit.ApiKey);
    }

    [Fact]
    public async Task ErrorPaths_NeverExposeTheSentinelSecretOrApiKey()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        using var jwtFile = new TempFile(Sentinel);
        using var tokenFile = new TempFile("{\"payload\":\"" + Sentinel + "\"}");
        var failures = new List<Exception>();
        async Task CollectAsync(Action<ConjurCredentialSourceOptions> configure, Action? arrange = null)
        {
            arrange?.Invoke();
            using var source = kit.Source(configure);
            failures.Add(await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(ct)));
        }

        await CollectAsync(o => o.ApiKey = Sentinel);
        await CollectAsync(_ => { }, () => kit.Set(ConjurTestKit.UrlVariable, "not a url " + Sentinel));
        await CollectAsync(_ => { }, () => kit.Set(ConjurTestKit.UrlVariable, $"{{\"cloud_name\":\"demo\",\"api_key\":[\"{Sentinel}\"]}}"));
        await CollectAsync(o => { o.Variable = null; o.Variables = new ConjurVariableIds { CloudName = "c", ApiKey = "k", ApiSecret = "s" }; },
            () => { kit.Set("c", "bad cloud " + Sentinel); kit.Set("k", Sentinel); kit.Set("s", Sentinel); });
        await CollectAsync(o => { o.Authenticator = ConjurAuthenticator.Jwt; o.ServiceId = "svc"; o.JwtFile = jwtFile.Path; });
        await CollectAsync(o => { o.Authenticator = ConjurAuthenticator.TokenFile; o.TokenFile = tokenFile.Path; });
        await CollectAsync(_ => { }, () => kit.Emulator.Permit(ConjurTestKit.Login, ConjurTestKit.UrlVariable, ConjurPrivileges.None));
        await CollectAsync(_ => { }, () => kit.Emulator.FailNextRequests(10, HttpStatusCode.InternalServerError));

        Assert.Equal(8, failures.Count);
        foreach (var e in failures)
        {
            AssertNoLeak(kit, e, kit.ApiKey);
        }
    }

    private static void AssertNoLeak(ConjurTestKit kit, Exception e, string apiKey)
    {
        Assert.DoesNotContain(Sentinel, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, e.ToString(), StringComparison.Ordinal);
        kit.AssertNotLogged(Sentinel);
        kit.AssertNotLogged(apiKey);
    }
}
