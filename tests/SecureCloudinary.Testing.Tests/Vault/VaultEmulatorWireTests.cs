using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Testing.Tests.Vault;

/// <summary>The Vault emulator's wire behaviour, checked with raw HTTP (no Vault client code involved).</summary>
public sealed class VaultEmulatorWireTests
{
    private static async Task<(int Status, JsonElement Body)> SendAsync(
        VaultEmulator vault, HttpMethod method, string path, string? token = null, string? body = null, string? ns = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, new Uri(vault.Address, "v1/" + path));
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        if (ns is not null)
        {
            request.Headers.Add("X-Vault-Namespace", ns);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public async Task KvV2_ReadLatestAndDeleted_ReturnsDataThenA404EnvelopeWithMetadata()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.WriteSecret("secret", "app", new Dictionary<string, string> { ["k"] = "v1" });
        vault.WriteSecret("secret", "app", new Dictionary<string, string> { ["k"] = "v2" });

        var (status, body) = await SendAsync(vault, HttpMethod.Get, "secret/data/app", vault.RootToken);
        vault.SoftDeleteVersion("secret", "app");
        var (deletedStatus, deleted) = await SendAsync(vault, HttpMethod.Get, "secret/data/app", vault.RootToken);
        var (oldStatus, old) = await SendAsync(vault, HttpMethod.Get, "secret/data/app?version=1", vault.RootToken);

        Assert.Equal(200, status);
        Assert.Equal("v2", body.GetProperty("data").GetProperty("data").GetProperty("k").GetString());
        Assert.Equal(2, body.GetProperty("data").GetProperty("metadata").GetProperty("version").GetInt32());
        Assert.Equal(404, deletedStatus);
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("data").GetProperty("data").ValueKind);
        Assert.NotEqual(string.Empty, deleted.GetProperty("data").GetProperty("metadata").GetProperty("deletion_time").GetString());
        Assert.False(deleted.TryGetProperty("errors", out _));
        Assert.Equal(200, oldStatus);
        Assert.Equal("v1", old.GetProperty("data").GetProperty("data").GetProperty("k").GetString());
    }

    [Fact]
    public async Task KvV2_UnversionedPath_Returns404WithTheVersionedPathWarning()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.WriteSecret("secret", "app", new Dictionary<string, string> { ["k"] = "v" });

        var (status, body) = await SendAsync(vault, HttpMethod.Get, "secret/app", vault.RootToken);

        Assert.Equal(404, status);
        Assert.StartsWith("Invalid path for a versioned K/V", body.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MountsEndpoint_ReportsTheKvVersion()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.EnableKv("kv", 1);

        var (_, v2) = await SendAsync(vault, HttpMethod.Get, "sys/internal/ui/mounts/secret", vault.RootToken);
        var (_, v1) = await SendAsync(vault, HttpMethod.Get, "sys/internal/ui/mounts/kv/some/path", vault.RootToken);

        Assert.Equal("2", v2.GetProperty("data").GetProperty("options").GetProperty("version").GetString());
        Assert.Equal("kv/", v1.GetProperty("data").GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, v1.GetProperty("data").GetProperty("options").ValueKind);
    }

    [Fact]
    public async Task Policy_GrantsOnlyListedPaths()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.WriteSecret("secret", "a", new Dictionary<string, string> { ["k"] = "v" });
        vault.WriteSecret("secret", "b", new Dictionary<string, string> { ["k"] = "v" });
        vault.SetPolicy("p", "secret/data/a");
        var token = vault.CreateToken(new VaultTokenSpec { Policies = ["p"] });

        var (allowed, _) = await SendAsync(vault, HttpMethod.Get, "secret/data/a", token);
        var (denied, body) = await SendAsync(vault, HttpMethod.Get, "secret/data/b", token);
        var (noToken, _) = await SendAsync(vault, HttpMethod.Get, "secret/data/a");

        Assert.Equal(200, allowed);
        Assert.Equal(403, denied);
        Assert.Equal("permission denied", body.GetProperty("errors")[0].GetString());
        Assert.Equal(403, noToken);
    }

    [Fact]
    public async Task Token_TtlRenewalAndMaxTtl_FollowTheFakeClock()
    {
        var time = new FakeTimeProvider();
        await using var vault = await VaultEmulator.StartAsync(new VaultEmulatorOptions { TimeProvider = time }, TestContext.Current.CancellationToken);
        var token = vault.CreateToken(new VaultTokenSpec { Ttl = TimeSpan.FromMinutes(10), MaxTtl = TimeSpan.FromMinutes(15) });

        time.Advance(TimeSpan.FromMinutes(4));
        var (_, renewed) = await SendAsync(vault, HttpMethod.Post, "auth/token/renew-self", token, "{}");
        time.Advance(TimeSpan.FromMinutes(5));
        var (_, capped) = await SendAsync(vault, HttpMethod.Post, "auth/token/renew-self", token, "{}");
        var (_, lookup) = await SendAsync(vault, HttpMethod.Get, "auth/token/lookup-self", token);
        time.Advance(TimeSpan.FromMinutes(7));
        var (expired, _) = await SendAsync(vault, HttpMethod.Get, "auth/token/lookup-self", token);

        Assert.Equal(600, renewed.GetProperty("auth").GetProperty("lease_duration").GetInt64());
        Assert.Equal(360, capped.GetProperty("auth").GetProperty("lease_duration").GetInt64());
        Assert.Equal(360, lookup.GetProperty("data").GetProperty("ttl").GetInt64());
        Assert.Equal(403, expired);
    }

    [Fact]
    public async Task RenewSelf_NonRenewableToken_Returns400()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var token = vault.CreateToken(new VaultTokenSpec { Renewable = false });

        var (status, body) = await SendAsync(vault, HttpMethod.Post, "auth/token/renew-self", token, "{}");

        Assert.Equal(400, status);
        Assert.Equal("lease is not renewable", body.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task AppRole_LoginAndWrappedSecretId_UnwrapWorksOnce()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.AddAppRole("rid", "sid", new VaultTokenSpec());
        var wrapping = vault.WrapSecretId("sid", TimeSpan.FromMinutes(1));

        var (unwrapStatus, unwrapped) = await SendAsync(vault, HttpMethod.Post, "sys/wrapping/unwrap", wrapping);
        var (againStatus, _) = await SendAsync(vault, HttpMethod.Post, "sys/wrapping/unwrap", wrapping);
        var secretId = unwrapped.GetProperty("data").GetProperty("secret_id").GetString();
        var (loginStatus, login) = await SendAsync(vault, HttpMethod.Post, "auth/approle/login", body: $$"""{"role_id":"rid","secret_id":"{{secretId}}"}""");
        var (badStatus, _) = await SendAsync(vault, HttpMethod.Post, "auth/approle/login", body: """{"role_id":"rid","secret_id":"nope"}""");

        Assert.Equal(200, unwrapStatus);
        Assert.Equal(400, againStatus);
        Assert.Equal(200, loginStatus);
        Assert.StartsWith("hvs.", login.GetProperty("auth").GetProperty("client_token").GetString(), StringComparison.Ordinal);
        Assert.True(login.GetProperty("auth").GetProperty("renewable").GetBoolean());
        Assert.Equal(400, badStatus);
    }

    [Fact]
    public async Task Namespace_TokensAndMountsAreIsolated()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.EnableKv("secret", 2, "team");
        vault.WriteSecret("secret", "app", new Dictionary<string, string> { ["k"] = "team" }, "team");
        vault.SetPolicy("all", "secret/*");
        var teamToken = vault.CreateToken(new VaultTokenSpec { Policies = ["all"] }, "team");

        var (inTeam, body) = await SendAsync(vault, HttpMethod.Get, "secret/data/app", teamToken, ns: "team/");
        var (inRoot, _) = await SendAsync(vault, HttpMethod.Get, "secret/data/app", teamToken);

        Assert.Equal(200, inTeam);
        Assert.Equal("team", body.GetProperty("data").GetProperty("data").GetProperty("k").GetString());
        Assert.Equal(403, inRoot);
        var (viaPath, pathBody) = await SendAsync(vault, HttpMethod.Get, "team/secret/data/app", teamToken);
        Assert.Equal(200, viaPath);
        Assert.Equal("team", pathBody.GetProperty("data").GetProperty("data").GetProperty("k").GetString());
        Assert.All(vault.Requests, r => Assert.DoesNotContain(teamToken, r.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sealed_AnswersEverything503_AndFaultsAreInjectedInOrder()
    {
        await using var vault = await VaultEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        vault.Seal();
        var (sealedStatus, body) = await SendAsync(vault, HttpMethod.Get, "auth/token/lookup-self", vault.RootToken);
        vault.Unseal();
        vault.FailNextRequests(1, HttpStatusCode.TooManyRequests);
        var (faulted, _) = await SendAsync(vault, HttpMethod.Get, "auth/token/lookup-self", vault.RootToken);
        var (ok, _) = await SendAsync(vault, HttpMethod.Get, "auth/token/lookup-self", vault.RootToken);

        Assert.Equal(503, sealedStatus);
        Assert.Equal("Vault is sealed", body.GetProperty("errors")[0].GetString());
        Assert.Equal(429, faulted);
        Assert.Equal(200, ok);
    }
}
