using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;
using SecureCloudinary.Testing.AwsSecretsManager.Internal;

namespace SecureCloudinary.Testing.Tests.AwsSecretsManager;

/// <summary>The emulator's operations over HTTP, signed by a small test signer over the emulator's SigV4 helpers.</summary>
public sealed class SecretsManagerEmulatorTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private SecretsManagerEmulator _emulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _emulator = await SecretsManagerEmulator.StartAsync(new() { TimeProvider = _time }, Ct);

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();

    [Fact]
    public async Task PutSecretValue_OverHttp_MovesAwsCurrentAndAwsPrevious()
    {
        _emulator.CreateSecret("s", "one");
        var first = _emulator.GetVersionId("s")!;

        var (status, put) = await CallAsync("PutSecretValue", """{"SecretId":"s","SecretString":"two","ClientRequestToken":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}""");
        var (_, describe) = await CallAsync("DescribeSecret", """{"SecretId":"s"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", put.GetProperty("VersionId").GetString());
        var stages = describe.GetProperty("VersionIdsToStages");
        Assert.Equal("AWSPREVIOUS", stages.GetProperty(first)[0].GetString());
        Assert.Equal("AWSCURRENT", stages.GetProperty("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")[0].GetString());
    }

    [Fact]
    public async Task PutSecretValue_SameTokenDifferentData_IsRejected()
    {
        _emulator.CreateSecret("s", "one");
        const string Body = """{"SecretId":"s","SecretString":"two","ClientRequestToken":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}""";
        var (again, _) = await CallAsync("PutSecretValue", Body);
        var (same, _) = await CallAsync("PutSecretValue", Body);
        var (different, error) = await CallAsync("PutSecretValue", Body.Replace("two", "three", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(HttpStatusCode.OK, same);
        Assert.Equal(HttpStatusCode.BadRequest, different);
        Assert.Equal("ResourceExistsException", error.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task UpdateSecretVersionStage_LabelElsewhereWithoutRemoveFrom_IsInvalidParameter()
    {
        _emulator.CreateSecret("s", "one");
        var pending = _emulator.PutSecretValue("s", "two", "AWSPENDING");

        var (status, error) = await CallAsync("UpdateSecretVersionStage", $$"""{"SecretId":"s","VersionStage":"AWSCURRENT","MoveToVersionId":"{{pending}}"}""");
        var (ok, _) = await CallAsync("UpdateSecretVersionStage", $$"""{"SecretId":"s","VersionStage":"AWSCURRENT","MoveToVersionId":"{{pending}}","RemoveFromVersionId":"{{_emulator.GetVersionId("s")}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidParameterException", error.GetProperty("__type").GetString());
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(pending, _emulator.GetVersionId("s"));
    }

    [Fact]
    public async Task DenyAction_RefusesOnlyThatActionOnThatSecret_BeforeItChangesAnything()
    {
        var arn = _emulator.CreateSecret("s", "one");
        _emulator.CreateSecret("other", "x");
        var first = _emulator.GetVersionId("s");
        _emulator.DenyAction("PutSecretValue", "s");

        var (denied, error) = await CallAsync("PutSecretValue", """{"SecretId":"s","SecretString":"two","ClientRequestToken":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}""");
        var (byArn, _) = await CallAsync("PutSecretValue", $$"""{"SecretId":"{{arn}}","SecretString":"two","ClientRequestToken":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}""");
        var (read, _) = await CallAsync("GetSecretValue", """{"SecretId":"s"}""");
        var (otherSecret, _) = await CallAsync("PutSecretValue", """{"SecretId":"other","SecretString":"y","ClientRequestToken":"bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee"}""");
        _emulator.AllowAccess();
        var (allowed, _) = await CallAsync("PutSecretValue", """{"SecretId":"s","SecretString":"two","ClientRequestToken":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}""");

        Assert.Equal(HttpStatusCode.BadRequest, denied);
        Assert.Equal("AccessDeniedException", error.GetProperty("__type").GetString());
        Assert.Contains("secretsmanager:PutSecretValue", error.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, byArn);
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(HttpStatusCode.OK, otherSecret);
        Assert.Equal(HttpStatusCode.OK, allowed);
        Assert.NotEqual(first, _emulator.GetVersionId("s"));
    }

    [Fact]
    public async Task GetSecretValue_OverHttp_ReturnsTheAwsShape()
    {
        var arn = _emulator.CreateSecret("s", "value");

        var (status, body) = await CallAsync("GetSecretValue", """{"SecretId":"s"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(arn, body.GetProperty("ARN").GetString());
        Assert.Equal("value", body.GetProperty("SecretString").GetString());
        Assert.Equal("AWSCURRENT", body.GetProperty("VersionStages")[0].GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("CreatedDate").ValueKind);
        Assert.False(body.TryGetProperty("SecretBinary", out _));
    }

    [Fact]
    public async Task Request_TamperedBody_FailsSignatureCheck()
    {
        _emulator.CreateSecret("s", "value");

        var (status, body) = await CallAsync("GetSecretValue", """{"SecretId":"s"}""", tamper: true);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidSignatureException", body.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task Request_WithoutAuthorization_IsRejected()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _emulator.BaseAddress) { Content = new StringContent("{}") };

        using var response = await Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_UnknownOperation_IsRejected()
    {
        var (status, body) = await CallAsync("ListSecrets", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("UnknownOperationException", body.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task InjectFault_TooManyRequestsThenClear_Answers429OnceFaultsAreQueuedAndNormallyAfterClear()
    {
        _emulator.CreateSecret("s", "one");
        _emulator.InjectFault(SecretsManagerFault.TooManyRequests, 3);

        var (throttled, _) = await CallAsync("GetSecretValue", """{"SecretId":"s"}""");
        _emulator.ClearFaults();
        var (after, body) = await CallAsync("GetSecretValue", """{"SecretId":"s"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled);
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal("one", body.GetProperty("SecretString").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(string operation, string json, bool tamper = false)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var date = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = $"{_emulator.BaseAddress.Host}:{_emulator.BaseAddress.Port}";
        string[] signed = ["content-type", "host", "x-amz-date", "x-amz-target"];
        var values = new Dictionary<string, string>
        {
            ["content-type"] = "application/x-amz-json-1.1",
            ["host"] = host,
            ["x-amz-date"] = date,
            ["x-amz-target"] = "secretsmanager." + operation,
        };
        var canonical = SigV4.CanonicalRequest("POST", "/", "", n => values[n], signed, SigV4.HexSha256(body));
        var scope = SigV4.Scope(date[..8], _emulator.Region, "secretsmanager");
        var signature = SigV4.Signature(
            SigV4.SigningKey(_emulator.SecretAccessKey, date[..8], _emulator.Region, "secretsmanager"),
            SigV4.StringToSign(date, scope, canonical));

        using var request = new HttpRequestMessage(HttpMethod.Post, _emulator.BaseAddress)
        {
            Content = new ByteArrayContent(tamper ? Encoding.UTF8.GetBytes(json + " ") : body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", date);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager." + operation);
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential={_emulator.AccessKeyId}/{scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}");
        using var response = await Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
