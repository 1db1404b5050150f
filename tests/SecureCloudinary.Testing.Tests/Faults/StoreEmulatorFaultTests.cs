using System.Net;
using System.Text;
using SecureCloudinary.Testing.Conjur;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Testing.Tests.Faults;

/// <summary>The <see cref="EmulatedHttpFault"/>s of the Vault and Conjur emulators, checked with raw HTTP.</summary>
public sealed class StoreEmulatorFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Stores => new("vault", "conjur");

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task InjectFault_MalformedJson_Answers200WithTruncatedJsonOnce(string store)
    {
        await using var target = await FaultTarget.StartAsync(store);
        target.Inject(EmulatedHttpFault.MalformedJson, 1);

        var (status, type, body) = await target.GetAsync();
        var (_, _, next) = await target.GetAsync();

        Assert.Equal(200, status);
        Assert.Equal("application/json", type);
        Assert.StartsWith("{\"data\"", body, StringComparison.Ordinal);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(body));
        Assert.NotEqual(body, next);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task InjectFault_OversizedBody_AnswersOneMebibyteOfJson(string store)
    {
        await using var target = await FaultTarget.StartAsync(store);
        target.Inject(EmulatedHttpFault.OversizedBody, 1);

        var (status, type, body) = await target.GetAsync();

        Assert.Equal(200, status);
        Assert.Equal("application/json", type);
        Assert.True(body.Length > 1024 * 1024, $"body length {body.Length}");
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task InjectFault_WrongContentType_AnswersAnHtmlPage(string store)
    {
        await using var target = await FaultTarget.StartAsync(store);
        target.Inject(EmulatedHttpFault.WrongContentType, 1);

        var (status, type, body) = await target.GetAsync();

        Assert.Equal(200, status);
        Assert.Equal("text/html", type);
        Assert.Contains("<html>", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task InjectFault_TooManyRequests_Answers429WithRetryAfter(string store)
    {
        await using var target = await FaultTarget.StartAsync(store);
        target.Inject(EmulatedHttpFault.TooManyRequests, 2);

        using var response = await target.SendAsync(HttpCompletionOption.ResponseContentRead, Ct);
        var (second, _, _) = await target.GetAsync();
        target.Clear();
        var (third, _, _) = await target.GetAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal(429, second);
        Assert.NotEqual(429, third);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task InjectFault_StallMidBody_SendsHeadersAndPartOfTheBodyThenNothingUntilCleared(string store)
    {
        await using var target = await FaultTarget.StartAsync(store);
        target.Inject(EmulatedHttpFault.StallMidBody, 1);

        using var response = await target.SendAsync(HttpCompletionOption.ResponseHeadersRead, Ct);
        var stream = await response.Content.ReadAsStreamAsync(Ct);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, Ct);
        var rest = stream.ReadAsync(buffer, Ct).AsTask();
        var stalled = !rest.IsCompleted;
        target.Clear();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > read);
        Assert.StartsWith("{\"data\"", Encoding.UTF8.GetString(buffer, 0, read), StringComparison.Ordinal);
        Assert.True(stalled);
        await Assert.ThrowsAnyAsync<IOException>(() => rest);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task InjectFault_StallBeforeHeaders_NeverAnswers(string store)
    {
        await using var target = await FaultTarget.StartAsync(store);
        target.Inject(EmulatedHttpFault.StallBeforeHeaders, 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => target.SendAsync(HttpCompletionOption.ResponseHeadersRead, timeout.Token));
        var (after, _, _) = await target.GetAsync();

        Assert.NotEqual(0, after);
    }

    [Fact]
    public async Task ClearFaults_CancelsQueuedFaultsAndStatusFailures()
    {
        await using var target = await FaultTarget.StartAsync("vault");
        target.Inject(EmulatedHttpFault.WrongContentType, 3);
        target.Clear();

        var (status, type, _) = await target.GetAsync();

        Assert.Equal(200, status);
        Assert.Equal("application/json", type);
    }

    /// <summary>One emulator behind a common face for the tests above.</summary>
    private sealed class FaultTarget : IAsyncDisposable
    {
        private readonly VaultEmulator? _vault;
        private readonly ConjurEmulator? _conjur;
        private readonly HttpClient _http = new();

        private FaultTarget(VaultEmulator? vault, ConjurEmulator? conjur)
        {
            _vault = vault;
            _conjur = conjur;
        }

        public static async Task<FaultTarget> StartAsync(string store) => store == "vault"
            ? new FaultTarget(await VaultEmulator.StartAsync(cancellationToken: Ct), null)
            : new FaultTarget(null, await ConjurEmulator.StartAsync(cancellationToken: Ct));

        public void Inject(EmulatedHttpFault fault, int count)
        {
            _vault?.InjectFault(fault, count);
            _conjur?.InjectFault(fault, count);
        }

        public void Clear()
        {
            _vault?.ClearFaults();
            _conjur?.ClearFaults();
        }

        public async Task<HttpResponseMessage> SendAsync(HttpCompletionOption completion, CancellationToken cancellationToken)
        {
            var uri = _vault is not null
                ? new Uri(_vault.Address, "v1/auth/token/lookup-self")
                : new Uri(_conjur!.BaseAddress, "secrets/myorg/variable/missing");
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (_vault is not null)
            {
                request.Headers.Add("X-Vault-Token", _vault.RootToken);
            }

            return await _http.SendAsync(request, completion, cancellationToken);
        }

        public async Task<(int Status, string? ContentType, string Body)> GetAsync()
        {
            using var response = await SendAsync(HttpCompletionOption.ResponseContentRead, Ct);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Ct));
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (_vault is not null)
            {
                await _vault.DisposeAsync();
            }

            if (_conjur is not null)
            {
                await _conjur.DisposeAsync();
            }
        }
    }
}
