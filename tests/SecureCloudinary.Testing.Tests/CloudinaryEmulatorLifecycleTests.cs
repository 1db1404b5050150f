using System.Net;

namespace SecureCloudinary.Testing.Tests;

public sealed class CloudinaryEmulatorLifecycleTests
{
    [Fact]
    public async Task StartAsync_Defaults_ListensOnLoopbackWithMatchingCredentials()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", emulator.BaseAddress.Host);
        Assert.Equal("http", emulator.BaseAddress.Scheme);
        Assert.NotEqual(0, emulator.BaseAddress.Port);
        Assert.Equal("emulated", emulator.CloudName);
        Assert.Equal(emulator.BaseAddress, emulator.Credentials.Settings.UploadPrefix);
        Assert.Matches("^[1-9][0-9]{14}$", emulator.Credentials.ApiKey);
        Assert.Matches("^[A-Za-z0-9_-]{27}$", emulator.Credentials.ApiSecret);
        var parsed = CloudinaryCredentials.Parse(emulator.Credentials.ToCloudinaryUrl());
        Assert.Equal(emulator.BaseAddress, parsed.Settings.UploadPrefix);
        Assert.Equal(emulator.Credentials.ApiKey, parsed.ApiKey);
    }

    [Fact]
    public async Task StartAsync_ConfiguredKeyAndCloud_Used()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(
            new CloudinaryEmulatorOptions { CloudName = "demo", ApiKey = "123456789012345", ApiSecret = "abcd" },
            TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);

        var reply = await http.GetWithBasicAsync("v1_1/demo/ping", "123456789012345", "abcd");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("demo", emulator.Credentials.CloudName);
    }

    [Fact]
    public async Task StartAsync_ManyInParallel_EachServesOwnKeys()
    {
        var emulators = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken)));
        try
        {
            Assert.Equal(4, emulators.Select(e => e.BaseAddress.Port).Distinct().Count());
            using var http = new EmulatorHttp(emulators[0]);
            var own = await http.GetWithBasicAsync("v1_1/emulated/ping", emulators[0].Credentials.ApiKey, emulators[0].Credentials.ApiSecret);
            var foreign = await http.GetWithBasicAsync("v1_1/emulated/ping", emulators[1].Credentials.ApiKey, emulators[1].Credentials.ApiSecret);
            Assert.Equal(HttpStatusCode.OK, own.Status);
            Assert.Equal(HttpStatusCode.Unauthorized, foreign.Status);
        }
        finally
        {
            foreach (var emulator in emulators)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DisposeAsync_Twice_StopsListening()
    {
        var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("v1_1/emulated/ping", UriKind.Relative), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad/name")]
    public async Task StartAsync_InvalidCloudName_ThrowsArgumentException(string cloudName)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = cloudName }, TestContext.Current.CancellationToken));

        Assert.Contains("CloudName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailNextRequests_Two_FailsExactlyTwoThenRecovers()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var (key, secret) = (emulator.Credentials.ApiKey, emulator.Credentials.ApiSecret);

        emulator.FailNextRequests(2, HttpStatusCode.ServiceUnavailable);
        var first = await http.GetWithBasicAsync("v1_1/emulated/ping", key, secret);
        var second = await http.UploadAsync(EmulatorHttp.Signed(emulator.Credentials, []), [1]);
        var third = await http.GetWithBasicAsync("v1_1/emulated/ping", key, secret);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal("Injected fault (HTTP 503)", first.ErrorMessage);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Empty(emulator.Assets);
        Assert.Equal([503, 503, 200], emulator.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task RequestsAndToString_AfterTraffic_NeverContainSecretOrSignature()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new EmulatorHttp(emulator);
        var secret = emulator.Credentials.ApiSecret;
        var fields = EmulatorHttp.Signed(emulator.Credentials, new Dictionary<string, string> { ["public_id"] = "p" });
        var ok = await http.UploadAsync(fields, [1]);
        var wrong = await http.GetWithBasicAsync("v1_1/emulated/ping", emulator.Credentials.ApiKey, "nope");

        var texts = emulator.Requests.Select(r => r.ToString()).Append(emulator.ToString())
            .Concat(emulator.Assets.Select(a => a.ToString())).Append(ok.Body).Append(wrong.Body).ToList();

        Assert.All(texts, t => Assert.DoesNotContain(secret, t, StringComparison.Ordinal));
        Assert.All(emulator.Requests.Select(r => r.ToString()), t => Assert.DoesNotContain(fields["signature"], t, StringComparison.Ordinal));
        var upload = emulator.Requests[0];
        Assert.Equal(("POST", "/v1_1/emulated/image/upload", 200), (upload.Method, upload.Path, upload.StatusCode));
        Assert.Equal(emulator.Credentials.ApiKey, upload.ApiKey);
    }
}
