namespace SecureCloudinary.AwsSecretsManager;

/// <summary>
/// Settings of the AWS Secrets Manager credential source, bound from <c>Cloudinary:AwsSecretsManager</c>.
/// Anything not set falls back to the AWS SDK's usual resolution (environment, shared profile, instance metadata).
/// </summary>
public sealed class AwsSecretsManagerCredentialSourceOptions
{
    /// <summary>The configuration sub-section of <c>Cloudinary</c> these options are bound from.</summary>
    public const string SectionName = "AwsSecretsManager";

    /// <summary>The default version stage, <c>AWSCURRENT</c>.</summary>
    public const string DefaultVersionStage = "AWSCURRENT";

    /// <summary>The secret's name or ARN (<c>SecretId</c>, required). Use the full ARN for a secret in another account.</summary>
    public string? SecretId { get; set; }

    /// <summary>
    /// The version stage to read (<c>VersionStage</c>). Default <c>AWSCURRENT</c> when <see cref="VersionId"/> is not set.
    /// </summary>
    public string? VersionStage { get; set; }

    /// <summary>A fixed version id to read instead of a stage (<c>VersionId</c>); normally left empty.</summary>
    public string? VersionId { get; set; }

    /// <summary>
    /// The AWS region (<c>Region</c>), e.g. <c>eu-west-1</c>. When empty: the region in <see cref="ServiceUrl"/>'s
    /// host, else the SDK's resolution (<c>AWS_REGION</c>, the profile's region, instance metadata).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// The shared-config profile to take AWS credentials from (<c>Profile</c>). When empty the SDK's default
    /// credential chain is used: environment, web identity (IRSA), <c>AWS_PROFILE</c>/<c>default</c> profile
    /// (incl. SSO and credential_process), container credentials, instance profile.
    /// </summary>
    public string? Profile { get; set; }

    /// <summary>
    /// The Secrets Manager endpoint (<c>ServiceUrl</c>). When empty: <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>, then
    /// <c>AWS_ENDPOINT_URL</c>, then <c>https://secretsmanager.{region}.{partition suffix}</c>. Must be https://
    /// unless the host is loopback.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The JSON field names read from the secret (<c>Fields:*</c>).</summary>
    public AwsSecretsManagerFieldNames Fields { get; set; } = new();

    /// <summary>
    /// How many attempts a throttled or failed (5xx, network) request gets in total (<c>MaxAttempts</c>, 1–10). When
    /// null: <c>AWS_MAX_ATTEMPTS</c>, then the profile's <c>max_attempts</c>, then the retry mode's default (3; 5 for
    /// <c>legacy</c>), as the AWS SDK reads them.
    /// </summary>
    public int? MaxAttempts { get; set; }

    /// <summary>
    /// The first retry delay; later ones double, with jitter (half to all of the nominal delay), capped at 10 s
    /// (<c>RetryBaseDelay</c>, default 200 ms; zero retries at once).
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest response body read, in bytes (<c>MaxResponseBytes</c>, default 65536).</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The shared credentials file <see cref="Profile"/> is looked up in (<c>ProfilesLocation</c>). When empty the
    /// SDK's default locations are used (<c>AWS_SHARED_CREDENTIALS_FILE</c>, <c>~/.aws/credentials</c> and <c>~/.aws/config</c>).
    /// </summary>
    public string? ProfilesLocation { get; set; }
}
