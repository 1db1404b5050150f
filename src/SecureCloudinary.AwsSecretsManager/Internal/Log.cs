using Microsoft.Extensions.Logging;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>Log messages of the AWS Secrets Manager package (event ids 1100–1199). Never pass a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, EventName = "AwsSecretRead", Level = LogLevel.Debug,
        Message = "Read secret {SecretId} version {VersionId} from AWS Secrets Manager in {Region}")]
    public static partial void SecretRead(this ILogger logger, string secretId, string versionId, string region);

    [LoggerMessage(EventId = 1101, EventName = "AwsRequestRetrying", Level = LogLevel.Warning,
        Message = "AWS Secrets Manager request for {SecretId} failed with {ErrorCode} (attempt {Attempt} of {MaxAttempts}); retrying in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, string secretId, string errorCode, int attempt, int maxAttempts, long delayMs);

    [LoggerMessage(EventId = 1102, EventName = "AwsCredentialsExpired", Level = LogLevel.Information,
        Message = "AWS answered {ErrorCode} for {SecretId}: re-resolving the AWS credentials and retrying once")]
    public static partial void CredentialsExpired(this ILogger logger, string errorCode, string secretId);

    [LoggerMessage(EventId = 1103, EventName = "AwsRequestFailed", Level = LogLevel.Debug,
        Message = "AWS Secrets Manager answered {ErrorCode} (HTTP {StatusCode}) for {SecretId}: {AwsMessage}")]
    public static partial void RequestFailed(this ILogger logger, string errorCode, int statusCode, string secretId, string awsMessage);
}
