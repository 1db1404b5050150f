using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>
/// The sentinel check over every path: load, rotation, each error mapping, retries and credential refresh. Neither the
/// Cloudinary secret nor the AWS secret key or session token may reach a log record or an exception's text.
/// </summary>
public sealed class NoSecretLeakTests : EmulatorTestBase
{
    private const string Sentinel = "Sentinel-Secret_aws_5d1e0b3c";
    private const string AwsSentinel = "Sentinel-AwsKey_77c1f0a9e2";
    private const string TokenSentinel = "Sentinel-Token_0e9d8c7b6a";
    private readonly FakeLogCollector _logs = new();
    private readonly List<string> _texts = [];

    [Fact]
    public async Task EveryPath_NeverExposesASecret()
    {
        Emulator.AddIdentity("ASIASENTINEL", AwsSentinel, TokenSentinel);
        var credentials = new SessionAWSCredentials("ASIASENTINEL", AwsSentinel, TokenSentinel);
        Emulator.CreateSecret("s", $$"""{"cloud_name":"c1","api_key":"111111111111111","api_secret":"{{Sentinel}}"}""");
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));
        var logger = factory.CreateLogger<AwsSecretsManagerCredentialSource>();
        var source = AwsTestKit.Source(Emulator, "s", credentials: credentials, logger: logger);

        _texts.Add((await source.GetCredentialsAsync(Ct)).ToString());
        Emulator.PutSecretValue("s", $$"""{"cloud_name":"c1","api_key":"222222222222222","api_secret":"{{Sentinel}}2"}""");
        _texts.Add((await source.GetCredentialsAsync(Ct)).ToString());
        Emulator.InjectFault(SecretsManagerFault.ExpiredToken, 1);
        Emulator.InjectFault(SecretsManagerFault.Throttle, 1);
        await source.GetCredentialsAsync(Ct);

        foreach (var fault in Enum.GetValues<SecretsManagerFault>().Where(f => f != SecretsManagerFault.Slow))
        {
            Emulator.InjectFault(fault, 5);
            await CaptureFailureAsync(source);
            Emulator.ClearFaults();
        }

        foreach (var style in Enum.GetValues<SecretsManagerErrorStyle>())
        {
            Emulator.ErrorStyle = style;
            await CaptureFailureAsync(AwsTestKit.Source(Emulator, "missing", credentials: credentials, logger: logger));
        }

        Emulator.PutSecretValue("s", $"not credentials {Sentinel}");
        await CaptureFailureAsync(source);
        Emulator.PutSecretValue("s", $$"""{"cloud_name":"c1","api_key":"{{Sentinel}}"}""");
        await CaptureFailureAsync(source);
        await CaptureFailureAsync(AwsTestKit.Source(Emulator, "s", credentials: new BasicAWSCredentials("ASIASENTINEL", AwsSentinel + "x"), logger: logger));
        Emulator.DenyAccess();
        await CaptureFailureAsync(source);
        _texts.Add(Emulator.ToString());
        _texts.AddRange(Emulator.Requests.Select(r => r.ToString()));

        Assert.NotEmpty(_logs.GetSnapshot());
        Assert.True(_texts.Count > 20);
        foreach (var text in _texts.Concat(_logs.GetSnapshot().SelectMany(LogTexts)))
        {
            Assert.DoesNotContain(Sentinel, text, StringComparison.Ordinal);
            Assert.DoesNotContain(AwsSentinel, text, StringComparison.Ordinal);
            Assert.DoesNotContain(TokenSentinel, text, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> LogTexts(FakeLogRecord record) =>
        new[] { record.Message, record.Exception?.ToString() ?? string.Empty }
            .Concat((record.StructuredState ?? []).Select(p => p.Value ?? string.Empty));

    private async Task CaptureFailureAsync(AwsSecretsManagerCredentialSource source)
    {
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(Ct));
        _texts.Add(e.ToString());
    }
}
