using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.Cli.Tests.Doctor;

/// <summary>Issue 11 item 10 and issue 13 item 4: what doctor masks, and what it must not mask.</summary>
public sealed class DoctorMaskingTests
{
    public static TheoryData<string> AwkwardSecrets => new()
    {
        "quote\"in-the\"secret-1234",
        "back\\slash\\secret-5678",
        "control\u0001char\u001fsecret",
        "astral\U0001F600plane\U0001D11Esecret",
        "new\nline\ttab-secret",
    };

    [Theory]
    [MemberData(nameof(AwkwardSecrets))]
    public async Task DoctorJson_SecretThatJsonEscapes_IsStillMasked(string secret)
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?> { ["Cloudinary__Source"] = "Echo", ["Cloudinary__ApiSecret"] = secret };

        var result = await CliRunner.RunAsync(environment, dir.Path, EchoSource.Register, "doctor", "--json");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var error = json.RootElement.GetProperty("error").GetString()!;
        Assert.Contains("[redacted]", error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonSerializer.Serialize(secret).Trim('"'), result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwkwardSecrets))]
    public async Task DoctorText_SecretThatJsonEscapes_IsMasked(string secret)
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?> { ["Cloudinary__Source"] = "Echo", ["Cloudinary__ApiSecret"] = secret };

        var result = await CliRunner.RunAsync(environment, dir.Path, EchoSource.Register, "doctor");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        Assert.DoesNotContain(secret, result.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Doctor_EndpointEchoesTheBasicAuthorizationHeader_Base64IsMasked(bool json)
    {
        using var dir = new TempDirectory();
        var credentials = new CloudinaryCredentials("demo", "123456789012345", "Echoed-Api-Secret-42",
            new CloudinaryUrlSettings { UploadPrefix = new Uri("http://127.0.0.1:9") });
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ApiKey + ":" + credentials.ApiSecret));

        var result = await CliRunner.RunAsync(
            EmulatorFixture.ConfigurationSourceEnvironment(credentials),
            dir.Path,
            services => services.AddHttpClient(CloudinaryClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new EchoAuthorizationHandler()),
            json ? ["doctor", "--json"] : ["doctor"]);

        Assert.Equal(ExitCodes.CloudinaryFailed, result.ExitCode);
        Assert.Contains("Invalid credentials", result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AwsSecretIdContainingTheWordSecret_IsShownInTheMessage()
    {
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?>
        {
            ["Cloudinary__Source"] = "AwsSecretsManager",
            ["Cloudinary__AwsSecretsManager__SecretId"] = "prod/cloudinary",
            ["Cloudinary__AwsSecretsManager__ServiceUrl"] = aws.BaseAddress.ToString(),
            ["Cloudinary__AwsSecretsManager__Region"] = aws.Region,
            ["Cloudinary__AwsSecretsManager__MaxAttempts"] = "1",
        };

        var result = await CliRunner.RunAsync(
            environment,
            dir.Path,
            services => services.AddSingleton<Amazon.Runtime.AWSCredentials>(new Amazon.Runtime.BasicAWSCredentials(aws.AccessKeyId, aws.SecretAccessKey)),
            "doctor", "--json", "--no-ping");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        var error = JsonDocument.Parse(result.Output).RootElement.GetProperty("error").GetString()!;
        Assert.Contains("prod/cloudinary", error, StringComparison.Ordinal);
        Assert.DoesNotContain("[redacted]", error, StringComparison.Ordinal);
        Assert.DoesNotContain(aws.SecretAccessKey, result.AllText, StringComparison.Ordinal);
    }

    /// <summary>A source whose failure message echoes the configured API secret (a bug the mask must catch).</summary>
    private sealed class EchoSource(string? secret) : ICloudinaryCredentialSource
    {
        public string Name => "Echo";

        public static void Register(IServiceCollection services) =>
            services.AddSecureCloudinary(new ConfigurationBuilder().Build().GetSection("Cloudinary"))
                .AddCredentialSource("Echo", sp => new EchoSource(sp.GetRequiredService<IConfiguration>()["Cloudinary:ApiSecret"]));

        public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default) =>
            throw new CloudinaryCredentialException(Name, CredentialFailureReason.InvalidSecret, $"the value '{secret}' is not valid");
    }

    /// <summary>An endpoint that echoes the request's Authorization header in its error message.</summary>
    private sealed class EchoAuthorizationHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonSerializer.Serialize(new { error = new { message = $"Invalid credentials: {request.Headers.Authorization}" } });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
        }
    }
}
