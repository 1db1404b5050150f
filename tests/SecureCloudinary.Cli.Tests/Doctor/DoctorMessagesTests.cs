using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.Cli.Tests.Doctor;

/// <summary>Issue 13 item 5: messages that point at the right fix.</summary>
public sealed class DoctorMessagesTests
{
    [Fact]
    public async Task Doctor_UrlWithoutCloudName_SaysTheCloudNameIsMissing()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?> { ["Cloudinary__Source"] = "Configuration", ["Cloudinary__Url"] = "cloudinary://123456789012345:NoCloudSecret-987" };

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");

        var error = Error(result);
        Assert.Contains("no cloud name", error, StringComparison.Ordinal);
        Assert.DoesNotContain("no API key or secret", error, StringComparison.Ordinal);
        Assert.DoesNotContain("NoCloudSecret", result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_HttpUploadPrefix_IsAConfigurationErrorEvenWithNoPing()
    {
        using var dir = new TempDirectory();
        var credentials = new CloudinaryCredentials("demo", "123456789012345", "Prefix-Secret-1234",
            new CloudinaryUrlSettings { UploadPrefix = new Uri("http://api.example.com") });

        var result = await CliRunner.RunAsync(EmulatorFixture.ConfigurationSourceEnvironment(credentials), dir.Path, "doctor", "--json", "--no-ping");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("upload_prefix", Error(result), StringComparison.Ordinal);
        Assert.Contains("https://", Error(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_SourceAws_SuggestsAwsSecretsManagerAndListsItOnce()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--json", "--source", "AWS");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        var error = Error(result);
        Assert.Contains("Did you mean AwsSecretsManager?", error, StringComparison.Ordinal);
        Assert.DoesNotContain("AwsSecretsManager (SecureCloudinary.AwsSecretsManager", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Cloudinary:Vault:Adress=https://vault.example.com", "Cloudinary:Vault:Adress", "Cloudinary:Vault:Address")]
    [InlineData("--Cloudinary:RefreshIntervall=00:10:00", "Cloudinary:RefreshIntervall", "Cloudinary:RefreshInterval")]
    [InlineData("--Cloudinary:Conjur:Acount=demo", "Cloudinary:Conjur:Acount", "Cloudinary:Conjur:Account")]
    [InlineData("--Cloudinary:AwsSecretsManager:Regoin=eu-west-1", "Cloudinary:AwsSecretsManager:Regoin", "Cloudinary:AwsSecretsManager:Region")]
    [InlineData("--Cloudinary:Vault:Auth:RoleID2=x", "Cloudinary:Vault:Auth:RoleID2", "Cloudinary:Vault:Auth:RoleId")]
    public async Task Doctor_MisspeltKeyInAnySection_IsReportedWithFullPathAndNearestName(string argument, string path, string nearest)
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--json", "--source", "Configuration", argument);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains($"{path} is not a setting; did you mean {nearest}?", Error(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AwsSecretWithOtherFieldNames_NamesTheFieldsAndTheFieldsSettings()
    {
        await using var aws = await SecretsManagerEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDirectory();
        aws.CreateSecret("apps/fields", """{"CLOUDINARY_CLOUD_NAME":"demo","CLOUDINARY_API_KEY":"123456789012345","CLOUDINARY_API_SECRET":"Field-Secret-Value-1"}""");
        var environment = new Dictionary<string, string?>
        {
            ["Cloudinary__Source"] = "AwsSecretsManager",
            ["Cloudinary__AwsSecretsManager__SecretId"] = "apps/fields",
            ["Cloudinary__AwsSecretsManager__ServiceUrl"] = aws.BaseAddress.ToString(),
            ["Cloudinary__AwsSecretsManager__Region"] = aws.Region,
            ["Cloudinary__AwsSecretsManager__MaxAttempts"] = "1",
        };

        var result = await CliRunner.RunAsync(
            environment, dir.Path, services => services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(aws.AccessKeyId, aws.SecretAccessKey)),
            "doctor", "--json", "--no-ping");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        var error = Error(result);
        Assert.Contains("'CLOUDINARY_API_KEY'", error, StringComparison.Ordinal);
        Assert.Contains("'CLOUDINARY_API_SECRET'", error, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:AwsSecretsManager:Fields:ApiKey", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Field-Secret-Value-1", result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789012345", result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_SeveralValidationErrors_AreOnePerLineNotJoinedWithDotSemicolon()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(
            new Dictionary<string, string?>(), dir.Path, "doctor", "--source", "Configuration", "--Cloudinary:ChunkSize=5", "--Cloudinary:RefreshInterval=00:00:00");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.DoesNotContain(".;", result.Error, StringComparison.Ordinal);
        Assert.Contains("\n- Cloudinary:ChunkSize", result.Error, StringComparison.Ordinal);
        Assert.Contains("\n- Cloudinary:RefreshInterval", result.Error, StringComparison.Ordinal);
    }

    private static string Error(CliResult result)
    {
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("error").GetString() ?? string.Empty;
    }
}
