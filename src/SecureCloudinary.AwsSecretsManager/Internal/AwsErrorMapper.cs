namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// Turns Secrets Manager errors into <see cref="CloudinaryCredentialException"/>s whose messages name the secret id,
/// the setting or the IAM permission to fix, and the AWS error code, never a secret or AWS's own message text.
/// </summary>
internal sealed class AwsErrorMapper
{
    private const string Source = AwsSecretsManagerCredentialSource.SourceName;
    private readonly string _secretId;
    private readonly string _prefix;
    private readonly string _region;

    public AwsErrorMapper(string secretId, string prefix, string region)
    {
        _secretId = secretId;
        _prefix = prefix;
        _region = region;
    }

    private static readonly string[] Known =
    [
        "ResourceNotFoundException", "AccessDeniedException", "AccessDenied", "DecryptionFailure", "KMSAccessDeniedException",
        "KMSDisabledException", "KMSInvalidStateException", "InvalidRequestException", "InvalidParameterException",
        "ValidationException", "ValidationError",
    ];

    public CloudinaryCredentialException Map(AwsErrorResponse error, AwsEndpoint endpoint)
    {
        if (error.Code == SecretsManagerClient.RedirectCode)
        {
            return Fail(CredentialFailureReason.Unavailable,
                $"The AWS Secrets Manager endpoint {endpoint.ServiceUrl} answered a redirect (HTTP {error.StatusCode}); redirects are "
                + $"never followed, since they would carry the request's credentials elsewhere. Check the endpoint, which comes from {endpoint.Origin} "
                + $"({_prefix}ServiceUrl or {_prefix}Region).");
        }

        var code = error.Code.Length == 0 ? $"HTTP {error.StatusCode}" : Canonical(error.Code);
        var secret = $"secret '{_secretId}' ({_prefix}SecretId) in region {_region}";
        return code switch
        {
            "ResourceNotFoundException" => Fail(CredentialFailureReason.NotFound,
                $"AWS Secrets Manager has no {secret}, or no version with the requested {_prefix}VersionStage/{_prefix}VersionId ({code}). "
                + $"Check the name or ARN, {_prefix}Region, and that the version stage exists."),
            "AccessDeniedException" or "AccessDenied" => Fail(CredentialFailureReason.AccessDenied,
                $"The AWS identity may not read {secret} ({code}). Grant secretsmanager:GetSecretValue on the secret's ARN, "
                + "and kms:Decrypt on its KMS key when the secret uses a customer-managed key."),
            "DecryptionFailure" or "KMSAccessDeniedException" or "KMSDisabledException" or "KMSInvalidStateException" =>
                Fail(CredentialFailureReason.AccessDenied,
                    $"AWS Secrets Manager could not decrypt {secret} with its KMS key ({code}). Grant kms:Decrypt on the key "
                    + "to the AWS identity and check that the key is enabled."),
            "InvalidRequestException" => Fail(CredentialFailureReason.NotFound,
                $"AWS Secrets Manager refused to read {secret} ({code}): the secret may be scheduled for deletion, or "
                + $"{_prefix}VersionId and {_prefix}VersionStage name different versions."),
            "InvalidParameterException" or "ValidationException" or "ValidationError" => Fail(CredentialFailureReason.NotFound,
                $"AWS Secrets Manager rejected the request for {secret} ({code}). Check {_prefix}SecretId, "
                + $"{_prefix}VersionId (32–64 characters) and {_prefix}VersionStage."),
            _ when AwsErrorCodes.IsExpiredCredentials(code) => Fail(CredentialFailureReason.AccessDenied,
                $"The AWS credentials have expired and re-resolving them did not help ({code}). Refresh the session "
                + $"(e.g. `aws sso login`) or the credentials behind {_prefix}Profile."),
            _ when AwsErrorCodes.IsIdentityRejected(code) => Fail(CredentialFailureReason.AccessDenied,
                $"AWS rejected the request's credentials or signature ({code}). Check the access key and secret key "
                + $"(or {_prefix}Profile), the session token, and that the system clock is correct."),
            _ when AwsErrorCodes.IsTransient(error) => new CloudinaryCredentialException(Source, CredentialFailureReason.Unavailable,
                $"AWS Secrets Manager is throttling or failing requests for {secret} ({code}, HTTP {error.StatusCode}); "
                + "retries were exhausted, try again later.",
                isTransient: true),
            _ => Fail(CredentialFailureReason.Unavailable,
                $"AWS Secrets Manager answered {code} (HTTP {error.StatusCode}) for {secret}."),
        };
    }

    public CloudinaryCredentialException Unreachable(AwsEndpoint endpoint, Exception inner) => new(
        Source,
        CredentialFailureReason.Unavailable,
        $"AWS Secrets Manager at {endpoint.ServiceUrl} could not be reached or did not answer in time "
        + $"(endpoint from {endpoint.Origin}; set {_prefix}ServiceUrl or {_prefix}Region to change it).",
        isTransient: true,
        innerException: inner);

    public CloudinaryCredentialException ClockSkew(AwsErrorResponse error) => Fail(
        CredentialFailureReason.AccessDenied,
        $"AWS rejected the request time for secret '{_secretId}' ({Canonical(error.Code)}, HTTP {error.StatusCode}) even after correcting the clock "
        + "from the server's Date header once; check the system clock and time zone (NTP).");

    private static string Canonical(string code)
    {
        foreach (var known in Known)
        {
            if (string.Equals(known, code, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return code;
    }

    /// <summary>
    /// An answer over the size cap is not one Secrets Manager sends for a Cloudinary secret (a proxy or portal page,
    /// or the wrong endpoint): the store's answer is at fault, not the secret, so it is transient like a 5xx.
    /// </summary>
    public CloudinaryCredentialException TooLarge(int maxBytes) => new(
        Source,
        CredentialFailureReason.Unavailable,
        $"The answer for {_secretId} ({_prefix}SecretId) is larger than {maxBytes} bytes ({_prefix}MaxResponseBytes); "
        + $"a Cloudinary secret is far smaller — check that {_prefix}ServiceUrl points at Secrets Manager and the secret id is right.",
        isTransient: true);

    private static CloudinaryCredentialException Fail(CredentialFailureReason reason, string message) =>
        new(Source, reason, message, isTransient: false);
}
