using Microsoft.Extensions.Options;
using SecureCloudinary.Internal;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// Validates <see cref="AwsSecretsManagerCredentialSourceOptions"/> of each account at start-up when that account's
/// <c>Source</c> selects this source. Messages name the account's configuration keys (or environment variables), never values.
/// </summary>
internal sealed class AwsSecretsManagerOptionsRules : IValidateOptions<AwsSecretsManagerCredentialSourceOptions>
{
    private readonly Func<string?, bool> _selects;
    private readonly IEnumerable<AwsSecretsManagerRegistration> _registrations;
    private readonly Func<string, string?> _environment;

    public AwsSecretsManagerOptionsRules(
        IOptionsMonitor<SecureCloudinaryOptions> cloudinary, IEnumerable<AwsSecretsManagerRegistration> registrations)
        : this(account => SourceSelection.Selects(cloudinary, account, AwsSecretsManagerCredentialSource.SourceName), registrations, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>For tests: one account's options and registration.</summary>
    internal AwsSecretsManagerOptionsRules(
        IOptions<SecureCloudinaryOptions> cloudinary, AwsSecretsManagerRegistration registration, Func<string, string?> environment)
        : this(_ => SourceSelection.Selects(() => cloudinary.Value, AwsSecretsManagerCredentialSource.SourceName), [registration], environment)
    {
    }

    private AwsSecretsManagerOptionsRules(
        Func<string?, bool> selects, IEnumerable<AwsSecretsManagerRegistration> registrations, Func<string, string?> environment)
    {
        _selects = selects;
        _registrations = registrations;
        _environment = environment;
    }

    public ValidateOptionsResult Validate(string? name, AwsSecretsManagerCredentialSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_selects(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var p = AwsSecretsManagerRegistration.Find(_registrations, name)?.Prefix ?? AwsSecretsManagerRegistration.DefaultPrefix;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SecretId))
        {
            failures.Add($"{p}SecretId is required: the name or ARN of the secret holding the Cloudinary credentials.");
        }
        else if (options.SecretId.Trim().Length > 2048)
        {
            failures.Add($"{p}SecretId must be at most 2048 characters.");
        }

        if (!string.IsNullOrWhiteSpace(options.VersionId) && options.VersionId.Trim().Length is < 32 or > 64)
        {
            failures.Add($"{p}VersionId must be 32 to 64 characters long (or empty to use {p}VersionStage).");
        }

        if (options.VersionStage is { Length: > 256 })
        {
            failures.Add($"{p}VersionStage must be at most 256 characters.");
        }

        if (!string.IsNullOrWhiteSpace(options.Region) && !IsRegionName(options.Region.Trim()))
        {
            failures.Add($"{p}Region must be an AWS region name such as eu-west-1.");
        }

        try
        {
            var config = AwsSharedConfig.Load(options.Profile, options.ProfilesLocation, _environment);
            var (url, setting) = AwsEndpointResolver.FindServiceUrl(options, _environment, p, config);
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && EndpointRules.IsHttpsOrLoopback(uri)))
            {
                failures.Add($"{setting} must be an absolute https:// URL without a user name or password (http:// is allowed only for loopback hosts).");
            }

            AwsRetrySettings.Resolve(options, _environment, config, p);
        }
        catch (CloudinaryCredentialException e)
        {
            // Unreadable shared config files, or AWS variables/profile entries with invalid values: the message names them.
            failures.Add(e.Message);
        }

        var fields = options.Fields ?? new AwsSecretsManagerFieldNames();
        foreach (var (field, value) in new[] { ("CloudName", fields.CloudName), ("ApiKey", fields.ApiKey), ("ApiSecret", fields.ApiSecret), ("Url", fields.Url) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{p}Fields:{field} must not be empty.");
            }
        }

        AddLimits(options, p, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddLimits(AwsSecretsManagerCredentialSourceOptions options, string p, List<string> failures)
    {
        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"{p}MaxAttempts must be between 1 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{p}RetryBaseDelay must not be negative.");
        }

        if (options.MaxResponseBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{p}MaxResponseBytes must be between 1024 and 16777216.");
        }
    }

    private static bool IsRegionName(string region) =>
        region.Length <= 64 && region.Contains('-', StringComparison.Ordinal)
        && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
