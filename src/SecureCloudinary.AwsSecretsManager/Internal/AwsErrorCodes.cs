namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>How the source treats each Secrets Manager error code (aws-sdk-net's retry lists plus the service's own errors).</summary>
internal static class AwsErrorCodes
{
    private static readonly HashSet<string> Throttling = new(StringComparer.OrdinalIgnoreCase)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "RequestTimeout", "RequestTimeoutException",
    };

    private static readonly HashSet<string> ServerSide = new(StringComparer.OrdinalIgnoreCase)
    {
        "InternalServiceError", "InternalFailure", "InternalServiceFailure", "ServiceUnavailable", "MalformedResponse",
    };

    private static readonly HashSet<string> Expired = new(StringComparer.OrdinalIgnoreCase)
    {
        "ExpiredTokenException", "ExpiredToken", "RequestExpired",
    };

    private static readonly HashSet<string> Identity = new(StringComparer.OrdinalIgnoreCase)
    {
        "UnrecognizedClientException", "InvalidClientTokenId", "MissingAuthenticationTokenException",
        "MissingAuthenticationToken", "IncompleteSignature", "InvalidSignatureException", "SignatureDoesNotMatch",
        "NotAuthorized", "OptInRequired",
    };

    // aws-sdk-net RetryPolicy: codes that always mean the clock is off, and codes that do when the Date header is > 5 minutes away.
    private static readonly HashSet<string> DefiniteClockSkew = new(StringComparer.OrdinalIgnoreCase)
    {
        "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture",
    };

    private static readonly HashSet<string> PossibleClockSkew = new(StringComparer.OrdinalIgnoreCase)
    {
        "InvalidSignatureException", "AuthFailure", "SignatureDoesNotMatch",
    };

    /// <summary>How far the server's clock may be from the signing time before a signature error counts as clock skew.</summary>
    public static readonly TimeSpan ClockSkewThreshold = TimeSpan.FromMinutes(5);

    public static bool IsDefiniteClockSkew(string code) => DefiniteClockSkew.Contains(code);

    public static bool IsPossibleClockSkew(string code) => PossibleClockSkew.Contains(code);

    public static bool IsThrottling(string code) => Throttling.Contains(code);

    public static bool IsTransient(AwsErrorResponse error) =>
        Throttling.Contains(error.Code) || ServerSide.Contains(error.Code) || error.StatusCode is 429 or 500 or 502 or 503 or 504;

    public static bool IsExpiredCredentials(string code) => Expired.Contains(code);

    public static bool IsIdentityRejected(string code) => Identity.Contains(code);
}
