using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCloudinary.Conjur.Internal;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Conjur;

/// <summary>
/// Reads Cloudinary credentials from CyberArk Conjur: one variable holding a <c>cloudinary://</c> URL (or a JSON
/// object), or three variables read in one batch request. Authenticates with an API key, a JWT or a token file,
/// caches the access token and renews it before it expires. The snapshot's version is a keyed hash of the values,
/// private to this process, so it changes exactly when a value does and reveals nothing when logged.
/// </summary>
public sealed class ConjurCredentialSource : ICloudinaryCredentialSource, IDisposable
{
    /// <summary>The name this source is selected by (<c>Cloudinary:Source = Conjur</c>).</summary>
    public const string SourceName = "Conjur";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ConjurClient _client;
    private readonly string? _variable;
    private readonly ConjurVariableIds _parts;
    private readonly string[] _ids;
    private readonly string? _cloudName;
    private readonly string _prefix;
    private readonly ILogger _logger;
    private readonly byte[] _versionKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>Creates the source over an <see cref="HttpClient"/> (use <c>AddConjur()</c> in apps with DI).</summary>
    /// <param name="httpClient">The client requests go through; see <see cref="ConjurHttpClientName"/> for its settings.</param>
    /// <param name="options">The settings; environment fallbacks are not applied here.</param>
    /// <param name="timeProvider">The clock for token renewal and retry delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggerFactory">Where to log; nothing is logged when null.</param>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public ConjurCredentialSource(
        HttpClient httpClient,
        ConjurCredentialSourceOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(httpClient, options, ConjurOptionsRules.DefaultPrefix, timeProvider, loggerFactory)
    {
    }

    internal ConjurCredentialSource(
        HttpClient httpClient,
        ConjurCredentialSourceOptions options,
        string prefix,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var failures = ConjurOptionsRules.Check(options, prefix);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        var time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SecureCloudinary.Conjur.ConjurCredentialSource");
        _prefix = prefix;
        var settings = ConjurSettings.From(options, prefix);
        var endpoint = new ConjurEndpoint(options.ApplianceUrl!, options.Account!);
        var (issuer, identity) = CreateIssuer(httpClient, endpoint, settings, time, options);
        _client = new ConjurClient(httpClient, endpoint, new ConjurTokenCache(issuer, time, _logger), settings, time, _logger, identity);
        _cloudName = string.IsNullOrWhiteSpace(options.CloudName) ? null : options.CloudName.Trim();
        _parts = options.Variables ?? new ConjurVariableIds();
        if (!string.IsNullOrWhiteSpace(options.Variable))
        {
            _variable = options.Variable.Trim();
            _ids = [_variable];
        }
        else
        {
            _ids = new[] { _parts.CloudName, _parts.ApiKey, _parts.ApiSecret }
                .Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!.Trim()).ToArray();
        }
    }

    /// <summary>The name of the <see cref="HttpClient"/> <c>AddConjur()</c> registers: <c>SecureCloudinary.Conjur</c>.</summary>
    public const string ConjurHttpClientName = "SecureCloudinary.Conjur";

    /// <inheritdoc />
    public string Name => SourceName;

    /// <summary>The protocol client (for tests).</summary>
    internal ConjurClient Client => _client;

    /// <summary>The single variable read, or null when three variables are read (<see cref="Parts"/>).</summary>
    internal string? Variable => _variable;

    internal ConjurVariableIds Parts => _parts;

    internal string SettingPrefix => _prefix;

    /// <inheritdoc />
    /// <exception cref="CloudinaryCredentialException">
    /// Authentication failed or a variable may not be read (<see cref="CredentialFailureReason.AccessDenied"/>), a
    /// variable is missing or empty (<see cref="CredentialFailureReason.NotFound"/>), the values are not credentials
    /// (<see cref="CredentialFailureReason.InvalidSecret"/>), or Conjur is unreachable or failing after the retries
    /// (<see cref="CredentialFailureReason.Unavailable"/>, transient).
    /// </exception>
    public async ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await _client.GetSecretsAsync(_ids, cancellationToken).ConfigureAwait(false);
        ConjurLog.SecretsRead(_logger, values.Count);
        CloudinaryCredentials credentials;
        if (_variable is not null)
        {
            credentials = CloudinarySecretParser.Parse(Text(values, _variable), SourceName, null, _cloudName, $"Conjur variable '{_variable}' ({_prefix}:Variable)");
        }
        else
        {
            var names = new CredentialPartNames(
                "in the Conjur variables",
                $"{_prefix}:Variable",
                Describe(_parts.CloudName, "CloudName"),
                Describe(_parts.ApiKey, "ApiKey"),
                Describe(_parts.ApiSecret, "ApiSecret"));
            credentials = CredentialAssembler.Assemble(
                SourceName,
                names,
                url: null,
                Part(values, _parts.CloudName),
                Part(values, _parts.ApiKey),
                Part(values, _parts.ApiSecret),
                _cloudName);
        }

        return new CredentialSnapshot(credentials, Version(values));
    }

    /// <summary>Releases the token cache.</summary>
    public void Dispose() => _client.Dispose();

    /// <summary>Describes the source without any secret.</summary>
    /// <returns>The appliance URL, account and variable ids.</returns>
    public override string ToString() =>
        $"ConjurCredentialSource {{ ApplianceUrl = {_client.Endpoint.BaseUri}, Account = {_client.Endpoint.Account}, Variables = {string.Join(", ", _ids)} }}";

    private static (IConjurTokenIssuer Issuer, string Identity) CreateIssuer(
        HttpClient http, ConjurEndpoint endpoint, ConjurSettings settings, TimeProvider time, ConjurCredentialSourceOptions options) =>
        options.EffectiveAuthenticator switch
        {
            ConjurAuthenticator.Jwt => (
                new JwtTokenIssuer(http, endpoint, settings, time, options.ServiceId!, options.JwtFile, options.HostId, options.Jwt),
                string.IsNullOrWhiteSpace(options.HostId) ? $"the identity of the JWT (authn-jwt/{options.ServiceId!.Trim()})" : $"host '{options.HostId.Trim()}'"),
            ConjurAuthenticator.TokenFile => (
                new TokenFileIssuer(options.TokenFile!, settings, time),
                $"the identity of the token in {settings.Prefix}:TokenFile"),
            ConjurAuthenticator.Token => (
                new StaticTokenIssuer(options.Token!, settings, time),
                $"the identity of the token in {settings.Prefix}:Token"),
            _ => (
                new ApiKeyTokenIssuer(http, endpoint, settings, time, options.Login!, options.ApiKey, options.ApiKeyFile, options.AuthnUrl),
                $"login '{options.Login!.Trim()}'"),
        };

    private string Describe(string? id, string key) =>
        id is null ? $"{_prefix}:CloudName (or Cloudinary:CloudName)" : $"Conjur variable '{id.Trim()}' ({_prefix}:Variables:{key})";

    private static string? Part(Dictionary<string, byte[]> values, string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : Text(values, id.Trim());

    private static string Text(Dictionary<string, byte[]> values, string id)
    {
        try
        {
            return StrictUtf8.GetString(values[id]);
        }
        catch (DecoderFallbackException)
        {
            throw ConjurErrors.Invalid($"Conjur variable '{id}' does not hold UTF-8 text.");
        }
    }

    private string Version(Dictionary<string, byte[]> values)
    {
        using var hmac = new HMACSHA256(_versionKey);
        Span<byte> length = stackalloc byte[4];
        foreach (var id in _ids)
        {
            var value = values[id];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
            hmac.TransformBlock(length.ToArray(), 0, 4, null, 0);
            hmac.TransformBlock(value, 0, value.Length, null, 0);
        }

        hmac.TransformFinalBlock([], 0, 0);
        return "content-" + Convert.ToHexStringLower(hmac.Hash.AsSpan(0, 8));
    }
}
