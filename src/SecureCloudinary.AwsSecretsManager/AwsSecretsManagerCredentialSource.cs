using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCloudinary.AwsSecretsManager.Internal;

namespace SecureCloudinary.AwsSecretsManager;

/// <summary>
/// Reads Cloudinary credentials from an AWS Secrets Manager secret with <c>GetSecretValue</c>, signed with SigV4
/// using AWSSDK.Core's credential chain. The secret's <c>VersionId</c> becomes the snapshot version, so a rotation
/// (AWSCURRENT moving) is seen as a change and an unchanged secret is not. Throttling, 5xx and network failures are
/// retried with bounded backoff; an expired session token makes it re-resolve the AWS credentials once.
/// </summary>
public sealed partial class AwsSecretsManagerCredentialSource : ICloudinaryCredentialSource
{
    /// <summary>The name this source is selected by (<c>Cloudinary:Source = AwsSecretsManager</c>).</summary>
    public const string SourceName = "AwsSecretsManager";

    /// <summary>The name of the <see cref="HttpClient"/> the source uses from <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "SecureCloudinary.AwsSecretsManager";

    private const string DefaultPrefix = "Cloudinary:AwsSecretsManager:";

    private readonly AwsSecretsManagerCredentialSourceOptions _options;
    private readonly Func<HttpClient> _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<string, string?> _environment;
    private readonly string _prefix;
    private readonly string? _fallbackCloudName;
    private readonly AwsCredentialResolver _credentials;
    private readonly CloudinarySecretFieldNames _fields;
    private readonly byte[] _requestBody;
    private readonly string _secretId;
    private SecretsManagerClient? _client;
    private AwsRetrySettings? _retry;

    /// <summary>Creates the source.</summary>
    /// <param name="options">The settings; <see cref="AwsSecretsManagerCredentialSourceOptions.SecretId"/> is required.</param>
    /// <param name="httpClient">The HTTP client requests are sent with.</param>
    /// <param name="credentials">AWS credentials to use; null for <c>Profile</c> or the SDK's default chain.</param>
    /// <param name="timeProvider">The clock for signing and retry delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger, or null.</param>
    /// <param name="fallbackCloudName">A cloud name to use when the secret has none (<c>Cloudinary:CloudName</c>), or null.</param>
    /// <exception cref="ArgumentException">SecretId is empty.</exception>
    public AwsSecretsManagerCredentialSource(
        AwsSecretsManagerCredentialSourceOptions options,
        HttpClient httpClient,
        AWSCredentials? credentials = null,
        TimeProvider? timeProvider = null,
        ILogger<AwsSecretsManagerCredentialSource>? logger = null,
        string? fallbackCloudName = null)
        : this(options, ReturnClient(httpClient), credentials, timeProvider, logger, fallbackCloudName, Environment.GetEnvironmentVariable, DefaultPrefix)
    {
    }

    internal AwsSecretsManagerCredentialSource(
        AwsSecretsManagerCredentialSourceOptions options,
        Func<HttpClient> httpClient,
        AWSCredentials? credentials,
        TimeProvider? timeProvider,
        ILogger? logger,
        string? fallbackCloudName,
        Func<string, string?> environment,
        string settingsPrefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SecretId, nameof(options));
        _options = options;
        _httpClient = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _environment = environment;
        _prefix = settingsPrefix;
        _fallbackCloudName = string.IsNullOrWhiteSpace(fallbackCloudName) ? null : fallbackCloudName;
        _credentials = new AwsCredentialResolver(credentials, options.Profile, options.ProfilesLocation, settingsPrefix, environment);
        _fields = (options.Fields ?? new AwsSecretsManagerFieldNames()).ToParserNames();
        _secretId = options.SecretId.Trim();
        var versionId = string.IsNullOrWhiteSpace(options.VersionId) ? null : options.VersionId.Trim();
        var stage = string.IsNullOrWhiteSpace(options.VersionStage)
            ? (versionId is null ? AwsSecretsManagerCredentialSourceOptions.DefaultVersionStage : null)
            : options.VersionStage.Trim();
        _requestBody = SecretsManagerClient.GetSecretValueBody(_secretId, versionId, stage);
    }

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    /// <exception cref="CloudinaryCredentialException">
    /// The secret is missing (<see cref="CredentialFailureReason.NotFound"/>), the AWS identity may not read or decrypt it
    /// (<see cref="CredentialFailureReason.AccessDenied"/>), the service failed after retries
    /// (<see cref="CredentialFailureReason.Unavailable"/>, transient) or the secret is not Cloudinary credentials
    /// (<see cref="CredentialFailureReason.InvalidSecret"/>).
    /// </exception>
    public async ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var client = _client ?? CreateClient();
        var mapper = new AwsErrorMapper(_secretId, _prefix, client.Endpoint.Region.SystemName);
        var value = await ReadAsync(client, mapper, cancellationToken).ConfigureAwait(false);
        if (value.BinaryNotText)
        {
            throw new CloudinaryCredentialException(SourceName, CredentialFailureReason.InvalidSecret,
                $"Secret '{_secretId}' ({_prefix}SecretId) holds SecretBinary bytes that are not UTF-8 text; store the credentials as JSON or a cloudinary:// URL.");
        }

        var credentials = CloudinarySecretParser.Parse(value.Text, SourceName, _fields, _fallbackCloudName, $"Secret '{_secretId}' ({_prefix}SecretId)", _prefix + "Fields");
        _logger.SecretRead(_secretId, value.VersionId ?? "(none)", client.Endpoint.Region.SystemName);
        return new CredentialSnapshot(credentials, value.VersionId);
    }

    private SecretsManagerClient CreateClient()
    {
        var config = AwsSharedConfig.Load(_options.Profile, _options.ProfilesLocation, _environment);
        var endpoint = AwsEndpointResolver.Resolve(_options, _environment, _prefix, AwsEndpointResolver.SdkRegion, config);
        _retry = AwsRetrySettings.Resolve(_options, _environment, config, _prefix);
        _logger.EndpointResolved(endpoint.ServiceUrl, endpoint.Origin, endpoint.Region.SystemName, _retry.MaxAttempts, _retry.Mode);
        return _client = new SecretsManagerClient(
            _httpClient, endpoint, _timeProvider, _options.MaxResponseBytes > 0 ? _options.MaxResponseBytes : 64 * 1024);
    }

    private static Func<HttpClient> ReturnClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }
}
