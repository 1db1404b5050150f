using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.Cli.Tests.Doctor;

public sealed class DoctorAwsSecretsManagerTests
{
    private const string SecretId = "apps/cli/cloudinary";

    [Fact]
    public async Task Doctor_AwsSecretsManagerSourceAgainstEmulators_ResolvesAndPings()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        aws.CreateSecret(SecretId, $$"""{"url":"{{fixture.Emulator.Credentials.ToCloudinaryUrl()}}"}""");

        var result = await CliRunner.RunAsync(Environment(aws), dir.Path, Credentials(aws), "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("AwsSecretsManager", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(fixture.Emulator.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        Assert.Equal(aws.GetVersionId(SecretId), json.RootElement.GetProperty("version").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("ping").GetString());
        Assert.DoesNotContain(aws.SecretAccessKey, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AwsSecretsManagerDeniesTheSecret_FailsNamingThePermissionWithoutSecrets()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        aws.CreateSecret(SecretId, $$"""{"url":"{{fixture.Emulator.Credentials.ToCloudinaryUrl()}}"}""");
        aws.DenyAccess();

        var result = await CliRunner.RunAsync(Environment(aws), dir.Path, Credentials(aws), "doctor", "--json");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        Assert.Contains("secretsmanager:GetSecretValue", result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(aws.SecretAccessKey, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Credentials.ApiSecret, result.AllText, StringComparison.Ordinal);
    }

    private static Action<IServiceCollection> Credentials(SecretsManagerEmulator aws) =>
        services => services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(aws.AccessKeyId, aws.SecretAccessKey));

    private static Dictionary<string, string?> Environment(SecretsManagerEmulator aws) => new()
    {
        ["Cloudinary__Source"] = "AwsSecretsManager",
        ["Cloudinary__AwsSecretsManager__SecretId"] = SecretId,
        ["Cloudinary__AwsSecretsManager__ServiceUrl"] = aws.BaseAddress.ToString(),
        ["Cloudinary__AwsSecretsManager__Region"] = aws.Region,
        ["Cloudinary__AwsSecretsManager__MaxAttempts"] = "1",
    };
}
