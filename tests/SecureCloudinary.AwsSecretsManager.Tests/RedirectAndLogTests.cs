using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>Issue 11 items 6 and 8: no redirects are followed, and AWS's error text never reaches a log.</summary>
public sealed class RedirectAndLogTests : EmulatorTestBase
{
    private const string Token = "Sentinel-SessionToken_redirect_4f1";

    [Fact]
    public async Task GetCredentials_EndpointAnswers307ToAnotherListener_NothingReachesItAndTheErrorNamesTheEndpointSetting()
    {
        await using var other = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        Emulator.AddIdentity("ASIAREDIRECT", "redirect-secret-key", Token);
        Emulator.CreateSecret("prod/cloudinary", AwsTestKit.Json(Alpha));
        Emulator.RedirectTo(other.BaseAddress, 307, count: 10);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSecureCloudinary(o => o.Source = "AwsSecretsManager").AddAwsSecretsManager();
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(AwsSecretsManagerCredentialSource.HttpClientName);
        var source = new AwsSecretsManagerCredentialSource(
            AwsTestKit.Options(Emulator, "prod/cloudinary"), http, new SessionAWSCredentials("ASIAREDIRECT", "redirect-secret-key", Token));

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(Ct));

        Assert.Empty(other.Requests);
        Assert.Single(Emulator.Requests);
        Assert.Contains("307", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:AwsSecretsManager:ServiceUrl", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_ErrorMessageEchoesTheSessionToken_LogsOnlyTheCodeAndStatus()
    {
        var logs = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        Emulator.AddIdentity("ASIAECHO", "echo-secret-key", Token);
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.ScriptError(new ScriptedAwsError { ErrorType = "ValidationException", Message = "Bad request:", EchoRequestHeaders = true });
        var source = AwsTestKit.Source(Emulator, "s", credentials: new SessionAWSCredentials("ASIAECHO", "echo-secret-key", Token),
            logger: factory.CreateLogger<AwsSecretsManagerCredentialSource>());

        await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(Ct));

        var failed = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 1103);
        Assert.Contains("ValidationException", failed.Message, StringComparison.Ordinal);
        Assert.Contains("400", failed.Message, StringComparison.Ordinal);
        foreach (var record in logs.GetSnapshot())
        {
            Assert.DoesNotContain(Token, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("x-amz-security-token", record.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Token, string.Join(";", record.StructuredState?.Select(kv => kv.Value) ?? []), StringComparison.Ordinal);
        }
    }
}
