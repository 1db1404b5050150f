namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>How the source treats each Secrets Manager error code (aws-sdk-net's retry lists plus the service's own errors).</summary>
internal static class AwsErrorCodes
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "RequestTimeout", "RequestTimeoutException",
    };

    private static readonly HashSet<string> ServerSide = new(StringComparer.Ordinal)
    {
        "InternalServiceError", "InternalFailure", "InternalServiceFailure", "ServiceUnavailable", "MalformedResponse",
    };

    private static readonly HashSet<string> Expired = new(StringComparer.Ordinal)
    {
        "ExpiredTokenException", "ExpiredToken", "RequestExpired",
    };

    private static readonly HashSet<string> Identity = new(StringComparer.Ordinal)
    {
        "UnrecognizedClientException", "InvalidClientTokenId", "MissingAuthenticationTokenException",
        "MissingAuthenticationToken", "IncompleteSignature", "InvalidSignatureException", "SignatureDoesNotMatch",
        "NotAuthorized", "OptInRequired",
    };

    public static bool IsTransient(AwsErrorResponse error) =>
        Throttling.Contains(error.Code) || ServerSide.Contains(error.Code) || error.StatusCode is 429 or 500 or 502 or 503 or 504;

    public static bool IsExpiredCredentials(string code) => Expired.Contains(code);

    public static bool IsIdentityRejected(string code) => Identity.Contains(code);
}
