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

    // AWS's own message text is never logged: an endpoint or proxy may echo the request, x-amz-security-token included.
    [LoggerMessage(EventId = 1103, EventName = "AwsRequestFailed", Level = LogLevel.Debug,
        Message = "AWS Secrets Manager answered {ErrorCode} (HTTP {StatusCode}) for {SecretId}")]
    public static partial void RequestFailed(this ILogger logger, string errorCode, int statusCode, string secretId);

    [LoggerMessage(EventId = 1120, EventName = "AwsClockSkewCorrected", Level = LogLevel.Warning,
        Message = "AWS answered {ErrorCode} for {SecretId}: the server clock is {OffsetSeconds} s from the local clock; re-signing with the corrected time for {Endpoint}")]
    public static partial void ClockSkewCorrected(this ILogger logger, string errorCode, string secretId, long offsetSeconds, Uri endpoint);

    [LoggerMessage(EventId = 1121, EventName = "AwsRedirectRefused", Level = LogLevel.Warning,
        Message = "AWS Secrets Manager endpoint {Endpoint} answered HTTP {StatusCode} (a redirect) for {SecretId}; redirects are not followed")]
    public static partial void RedirectRefused(this ILogger logger, Uri endpoint, int statusCode, string secretId);

    [LoggerMessage(EventId = 1122, EventName = "AwsEndpointResolved", Level = LogLevel.Debug,
        Message = "AWS Secrets Manager endpoint {Endpoint} (from {Origin}), region {Region}, {MaxAttempts} attempts ({RetryMode} retry mode)")]
    public static partial void EndpointResolved(this ILogger logger, Uri endpoint, string origin, string region, int maxAttempts, string retryMode);

    [LoggerMessage(EventId = 1123, EventName = "AwsCredentialChainFailed", Level = LogLevel.Warning,
        Message = "The AWS credential chain failed with {ExceptionType}; see the CloudinaryCredentialException for what to fix")]
    public static partial void CredentialChainFailed(this ILogger logger, string exceptionType);
}
