using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>Builds sources pointed at a <see cref="SecretsManagerEmulator"/>.</summary>
internal static class AwsTestKit
{
    public const string Prefix = "Cloudinary:AwsSecretsManager:";

    public static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static AWSCredentials CredentialsFor(SecretsManagerEmulator emulator) =>
        emulator.SessionToken is null
            ? new BasicAWSCredentials(emulator.AccessKeyId, emulator.SecretAccessKey)
            : new SessionAWSCredentials(emulator.AccessKeyId, emulator.SecretAccessKey, emulator.SessionToken);

    public static AwsSecretsManagerCredentialSourceOptions Options(SecretsManagerEmulator emulator, string secretId) => new()
    {
        SecretId = secretId,
        ServiceUrl = emulator.BaseAddress.ToString(),
        Region = emulator.Region,
        RetryBaseDelay = TimeSpan.Zero,
    };

    public static AwsSecretsManagerCredentialSource Source(
        SecretsManagerEmulator emulator,
        string secretId,
        Action<AwsSecretsManagerCredentialSourceOptions>? configure = null,
        AWSCredentials? credentials = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        string? fallbackCloudName = null,
        HttpClient? http = null)
    {
        var options = Options(emulator, secretId);
        configure?.Invoke(options);
        var client = http ?? Http;
        return new AwsSecretsManagerCredentialSource(
            options, () => client, credentials ?? CredentialsFor(emulator), timeProvider, logger, fallbackCloudName, _ => null, Prefix);
    }

    public static string Json(CloudinaryCredentials c) =>
        $$"""{"cloud_name":"{{c.CloudName}}","api_key":"{{c.ApiKey}}","api_secret":"{{c.ApiSecret}}"}""";
}
