using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecureCloudinary.Provisioning;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Tests.Provisioning;

public sealed class CloudinaryProvisioningClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindSubAccount_ByCloudName_ReturnsTheEmulatorsProductEnvironment()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var client = Create(http, emulator);

        var found = await client.FindSubAccountAsync(emulator.CloudName.ToUpperInvariant(), Ct);
        var missing = await client.FindSubAccountAsync("other-cloud", Ct);

        Assert.Equal(emulator.ProvisioningSubAccountId, found?.Id);
        Assert.Equal(emulator.CloudName, found?.CloudName);
        Assert.Null(missing);
    }

    [Fact]
    public async Task GenerateAccessKey_NewKey_PingsAndDisablingItGets401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var client = Create(http, emulator);
        var sub = emulator.ProvisioningSubAccountId;

        var key = await client.GenerateAccessKeyAsync(sub, "rotated-1", cancellationToken: Ct);
        var credentials = key.ToCredentials(emulator.CloudName);
        var pingNew = await PingAsync(http, emulator, credentials);
        var disabled = await client.UpdateAccessKeyAsync(sub, key.ApiKey, enabled: false, cancellationToken: Ct);
        var pingDisabled = await PingAsync(http, emulator, credentials);
        var listed = await client.ListAccessKeysAsync(sub, Ct);

        Assert.Equal("rotated-1", key.Name);
        Assert.True(key.Enabled);
        Assert.NotNull(key.ApiSecret);
        Assert.Equal(HttpStatusCode.OK, pingNew);
        Assert.False(disabled.Enabled);
        Assert.Equal(HttpStatusCode.Unauthorized, pingDisabled);
        Assert.Equal(2, listed.Count);
        Assert.Contains(listed, k => k.ApiKey == emulator.Credentials.ApiKey && k.Enabled && k.Root);
        Assert.Contains(listed, k => k.ApiKey == key.ApiKey && !k.Enabled);
        Assert.DoesNotContain(key.ApiSecret!, key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAccessKey_DuplicateName_Throws409()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var client = Create(http, emulator);
        await client.GenerateAccessKeyAsync(emulator.ProvisioningSubAccountId, "twice", cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<CloudinaryApiException>(
            () => client.GenerateAccessKeyAsync(emulator.ProvisioningSubAccountId, "twice", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Contains("already exists", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, emulator.AccessKeys.Count);
    }

    [Fact]
    public async Task UpdateAccessKey_RenameAndDedicate_ShowsInListing()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var client = Create(http, emulator);
        var sub = emulator.ProvisioningSubAccountId;
        var key = await client.GenerateAccessKeyAsync(sub, "a", cancellationToken: Ct);

        var updated = await client.UpdateAccessKeyAsync(sub, key.ApiKey, name: "b", dedicatedFor: "webhooks", cancellationToken: Ct);

        Assert.Equal("b", updated.Name);
        Assert.Equal(["webhooks"], updated.DedicatedFor);
        Assert.Equal("webhooks", emulator.AccessKeys.Single(k => k.ApiKey == key.ApiKey).DedicatedFor);
    }

    [Fact]
    public async Task DeleteAccessKey_ByKeyAndByName_RemovesThemAndTheyGet401()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var client = Create(http, emulator);
        var sub = emulator.ProvisioningSubAccountId;
        var first = await client.GenerateAccessKeyAsync(sub, "first", cancellationToken: Ct);
        var second = await client.GenerateAccessKeyAsync(sub, "second", cancellationToken: Ct);

        await client.DeleteAccessKeyAsync(sub, first.ApiKey, Ct);
        await client.DeleteAccessKeyByNameAsync(sub, "second", Ct);
        var missing = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.DeleteAccessKeyByNameAsync(sub, "second", Ct));

        Assert.Single(emulator.AccessKeys);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(http, emulator, first.ToCredentials(emulator.CloudName)));
        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(http, emulator, second.ToCredentials(emulator.CloudName)));
    }

    [Theory]
    [InlineData(420)]
    [InlineData(429)]
    public async Task RateLimited_ThrowsRateLimitedErrorWithoutSecret(int status)
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var client = Create(http, emulator);
        emulator.FailNextProvisioningRequests(1, (HttpStatusCode)status);

        var error = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.ListSubAccountsAsync(Ct));
        var after = await client.ListSubAccountsAsync(Ct);

        Assert.True(error.IsRateLimited);
        Assert.Contains("rate limit", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(after);
        Assert.DoesNotContain(CloudinaryAccountCredentials.Parse(emulator.ProvisioningAccountUrl).ProvisioningSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongProvisioningSecret_Throws401NamingTheSetting()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var wrong = new CloudinaryAccountCredentials(emulator.ProvisioningAccountId, emulator.ProvisioningKey, "wrong-secret-sentinel");
        var client = new CloudinaryProvisioningClient(http, wrong, emulator.BaseAddress);

        var error = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.ListSubAccountsAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Cloudinary:Provisioning:AccountUrl", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-sentinel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_IsNotFollowed()
    {
        using var http = new HttpClient(new StubHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = new Uri("https://elsewhere.example/");
            return response;
        }));
        var client = new CloudinaryProvisioningClient(http, new CloudinaryAccountCredentials("acc", "key", "secret-sentinel"), new Uri("https://api.example"));

        var error = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.ListSubAccountsAsync(Ct));

        Assert.Equal(HttpStatusCode.Found, error.StatusCode);
        Assert.Contains("redirect", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OversizedAnswer_IsCapped()
    {
        using var http = new HttpClient(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"sub_accounts\":[],\"pad\":\"" + new string('x', 4096) + "\"}"),
        }));
        var client = new CloudinaryProvisioningClient(http, new CloudinaryAccountCredentials("acc", "key", "secret"), new Uri("https://api.example"), maxResponseBodyBytes: 1024);

        var error = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.ListSubAccountsAsync(Ct));

        Assert.Contains("1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PlainHttpToRemoteHost_IsRefusedNamingTheSetting()
    {
        using var http = new HttpClient();
        var error = Assert.Throws<InvalidOperationException>(
            () => new CloudinaryProvisioningClient(http, new CloudinaryAccountCredentials("a", "k", "s"), new Uri("http://api.example")));

        Assert.Contains("Cloudinary:ApiBaseAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountUrl_ParsesAndHidesTheSecret()
    {
        var credentials = CloudinaryAccountCredentials.Parse("CLOUDINARY_ACCOUNT_URL=account://123456:s%40cret-sentinel@abcd-1234");

        Assert.Equal("abcd-1234", credentials.AccountId);
        Assert.Equal("123456", credentials.ProvisioningKey);
        Assert.Equal("s@cret-sentinel", credentials.ProvisioningSecret);
        Assert.DoesNotContain("sentinel", credentials.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://k:s-sentinel@acc")]
    [InlineData("account://k@acc")]
    [InlineData("account://k:s-sentinel@")]
    [InlineData("account://:s-sentinel@acc")]
    public void AccountUrl_Malformed_FailsWithoutQuotingIt(string url)
    {
        var error = Assert.Throws<FormatException>(() => CloudinaryAccountCredentials.Parse(url));

        Assert.DoesNotContain("sentinel", error.Message, StringComparison.Ordinal);
        Assert.False(CloudinaryAccountCredentials.TryParse(url, out _));
    }

    private static CloudinaryProvisioningClient Create(HttpClient http, CloudinaryEmulator emulator) =>
        new(http, CloudinaryAccountCredentials.Parse(emulator.ProvisioningAccountUrl), emulator.BaseAddress);

    private static async Task<HttpStatusCode> PingAsync(HttpClient http, CloudinaryEmulator emulator, CloudinaryCredentials credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseAddress, $"v1_1/{emulator.CloudName}/ping"));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ApiKey + ":" + credentials.ApiSecret)));
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
