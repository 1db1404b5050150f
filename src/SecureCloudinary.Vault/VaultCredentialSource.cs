using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault;

/// <summary>
/// Reads Cloudinary credentials from a HashiCorp Vault KV secret (version 1 or 2, detected by default). Logs in
/// with the configured auth method, renews the Vault token at about two thirds of its TTL and logs in again
/// when needed. The KV v2 version becomes <see cref="CredentialSnapshot.Version"/>; a KV v1 lease becomes
/// <see cref="CredentialSnapshot.ExpiresAt"/>. Failures throw <see cref="CloudinaryCredentialException"/> whose
/// messages name the mount, path and policy capability, never a token or secret.
/// </summary>
public sealed class VaultCredentialSource : ICloudinaryCredentialSource, IDisposable
{
    /// <summary>The name this source is selected by (<c>Cloudinary:Source = Vault</c>).</summary>
    public const string SourceName = "Vault";

    /// <summary>The name of the <see cref="IHttpClientFactory"/> client the source uses.</summary>
    public const string HttpClientName = "SecureCloudinary.Vault";

    private readonly VaultTokenManager _tokens;
    private readonly VaultKvReader _reader;

    /// <summary>Creates the source.</summary>
    /// <param name="httpClient">
    /// The client to send requests with (its base address is not used). Give it a handler that does not follow
    /// redirects (as <c>AddVault</c> does): the source follows Vault's standby redirects itself, under its own rules.
    /// </param>
    /// <param name="options">The settings, already complete (environment fallbacks are applied by <c>AddVault</c>).</param>
    /// <param name="timeProvider">The clock for token lifetimes; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggerFactory">Where to log; nothing is logged when null.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names the configuration key.</exception>
    public VaultCredentialSource(
        HttpClient httpClient,
        VaultCredentialSourceOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(ToFactory(httpClient), options, timeProvider, loggerFactory, "Cloudinary:Vault:")
    {
    }

    internal VaultCredentialSource(
        Func<HttpClient> httpClient,
        VaultCredentialSourceOptions options,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        string settingPrefix)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var failures = VaultOptionsRules.Check(options, settingPrefix);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        var time = timeProvider ?? TimeProvider.System;
        var logger = loggerFactory?.CreateLogger<VaultCredentialSource>() ?? (ILogger)NullLogger.Instance;
        var http = new VaultHttp(httpClient, options, time, logger, settingPrefix);
        Http = http;
        Options = options;
        SettingPrefix = settingPrefix;
        _tokens = new VaultTokenManager(http, options.Auth, settingPrefix, time, logger);
        _reader = new VaultKvReader(http, _tokens, options, settingPrefix, time, logger);
    }

    /// <inheritdoc />
    public string Name => SourceName;

    internal VaultTokenManager Tokens => _tokens;

    /// <summary>The HTTP layer, shared with the store writer.</summary>
    internal VaultHttp Http { get; }

    internal VaultCredentialSourceOptions Options { get; }

    internal string SettingPrefix { get; }

    /// <summary>The KV version in use (0 until the first read detected it).</summary>
    internal int KvVersion => _reader.KvVersion;

    /// <inheritdoc />
    /// <exception cref="CloudinaryCredentialException">
    /// The secret does not exist or its version was deleted/destroyed (<see cref="CredentialFailureReason.NotFound"/>),
    /// Vault refused the login or the read (<see cref="CredentialFailureReason.AccessDenied"/>), Vault is sealed,
    /// rate-limited or unreachable (<see cref="CredentialFailureReason.Unavailable"/>, transient), or the secret is not
    /// usable credentials (<see cref="CredentialFailureReason.InvalidSecret"/>).
    /// </exception>
    public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<CredentialSnapshot>(cancellationToken)
            : _reader.ReadAsync(cancellationToken);

    /// <summary>Stops the background token renewal.</summary>
    public void Dispose() => _tokens.Dispose();

    private static Func<HttpClient> ToFactory(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }
}
