using System.Diagnostics;

namespace SecureCloudinary.Conjur;

/// <summary>
/// Settings of the Conjur credential source, bound from <c>Cloudinary:Conjur</c>. Unset settings fall back to
/// the environment variables the official Conjur clients read (named on each property).
/// </summary>
public sealed class ConjurCredentialSourceOptions
{
    /// <summary>The configuration sub-section name under <c>Cloudinary</c>.</summary>
    public const string SectionName = "Conjur";

    /// <summary>The JWT file used by the <see cref="ConjurAuthenticator.Jwt"/> authenticator when neither <see cref="Jwt"/> nor <see cref="JwtFile"/> is set: the Kubernetes service-account token.</summary>
    public const string DefaultJwtFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>
    /// The Conjur appliance URL (<c>ApplianceUrl</c>, env <c>CONJUR_APPLIANCE_URL</c>, then <c>appliance_url</c> in
    /// <c>CONJURRC</c> / <c>~/.conjurrc</c> / <c>/etc/conjur.conf</c>), e.g. <c>https://conjur.example.com</c> or
    /// <c>https://conjur.example.com/api</c>; without a scheme it means https. Conjur Cloud hosts (every tenant suffix
    /// the Go client knows, e.g. <c>*.secretsmgr.cyberark.cloud</c>) get <c>/api</c> appended when missing. HTTPS is
    /// required except for loopback hosts.
    /// </summary>
    public Uri? ApplianceUrl { get; set; }

    /// <summary>The Conjur account (<c>Account</c>, env <c>CONJUR_ACCOUNT</c>, then <c>account</c> in the Conjur CLI files); defaults to <c>conjur</c> on Conjur Cloud.</summary>
    public string? Account { get; set; }

    /// <summary>
    /// A PEM file with the CA certificate(s) the appliance's TLS certificate must chain to (<c>CertificateFile</c>,
    /// env <c>CONJUR_CERT_FILE</c>, then <c>cert_file</c> in the Conjur CLI files). When unset, the system trust store is used.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary>
    /// PEM text of the CA certificate(s) (<c>Certificate</c>, env <c>CONJUR_SSL_CERTIFICATE</c>); wins over
    /// <see cref="CertificateFile"/>, as in the official clients.
    /// </summary>
    public string? Certificate { get; set; }

    /// <summary>
    /// How to authenticate (<c>Authenticator</c>). When unset, in the Go client's order:
    /// <see cref="ConjurAuthenticator.TokenFile"/> if <see cref="TokenFile"/> is set, <see cref="ConjurAuthenticator.Token"/>
    /// if <see cref="Token"/> is set, <see cref="ConjurAuthenticator.Jwt"/> if <see cref="ServiceId"/> is set, otherwise
    /// <see cref="ConjurAuthenticator.ApiKey"/>.
    /// </summary>
    public ConjurAuthenticator? Authenticator { get; set; }

    /// <summary>
    /// The login for API-key authentication (<c>Login</c>, env <c>CONJUR_AUTHN_LOGIN</c>, then the <c>~/.netrc</c> entry the
    /// Conjur CLI's <c>conjur login</c> wrote), e.g. <c>host/apps/web</c>.
    /// </summary>
    public string? Login { get; set; }

    /// <summary>The API key of <see cref="Login"/> (<c>ApiKey</c>, env <c>CONJUR_AUTHN_API_KEY</c>, then <c>~/.netrc</c>). Prefer <see cref="ApiKeyFile"/>.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? ApiKey { get; set; }

    /// <summary>A file holding the API key (<c>ApiKeyFile</c>); read at every authentication, so it can be rotated in place.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>
    /// The authenticator's base URL for API-key authentication (<c>AuthnUrl</c>, env <c>CONJUR_AUTHN_URL</c>), e.g.
    /// <c>https://conjur.example.com/authn-ldap/corp</c>; the login is posted to
    /// <c>{AuthnUrl}/{account}/{login}/authenticate</c>. Default <c>{ApplianceUrl}/authn</c>. <c>CONJUR_AUTHN_TYPE=ldap</c>
    /// with <c>CONJUR_SERVICE_ID</c> sets it to <c>{ApplianceUrl}/authn-ldap/{service id}</c>.
    /// </summary>
    public Uri? AuthnUrl { get; set; }

    /// <summary>
    /// The authn-jwt service id (<c>ServiceId</c>, env <c>CONJUR_AUTHN_JWT_SERVICE_ID</c>, or <c>CONJUR_SERVICE_ID</c> with
    /// <c>CONJUR_AUTHN_TYPE=jwt</c>), e.g. <c>k8s-cluster</c>.
    /// </summary>
    public string? ServiceId { get; set; }

    /// <summary>
    /// The file holding the JWT (<c>JwtFile</c>, env <c>JWT_TOKEN_PATH</c>), read at every authentication; default
    /// <see cref="DefaultJwtFile"/> (the Kubernetes service-account token) when <see cref="Jwt"/> is not set either.
    /// </summary>
    public string? JwtFile { get; set; }

    /// <summary>The JWT itself (<c>Jwt</c>, env <c>CONJUR_AUTHN_JWT_TOKEN</c>); wins over <see cref="JwtFile"/> and is never re-read.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? Jwt { get; set; }

    /// <summary>
    /// A Conjur access token (the token JSON or its Base64 form) obtained elsewhere (<c>Token</c>, env
    /// <c>CONJUR_AUTHN_TOKEN</c>). It is used as it is and never renewed: once it expires Conjur rejects it.
    /// </summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? Token { get; set; }

    /// <summary>
    /// The host id for authn-jwt (<c>HostId</c>, env <c>CONJUR_AUTHN_JWT_HOST_ID</c>), e.g. <c>host/apps/web</c>; only
    /// needed when the authenticator has no <c>token-app-property</c>.
    /// </summary>
    public string? HostId { get; set; }

    /// <summary>
    /// A file holding an access token kept fresh by another process (<c>TokenFile</c>, env
    /// <c>CONJUR_AUTHN_TOKEN_FILE</c>), e.g. <c>/run/conjur/access-token</c>.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>
    /// One variable holding the credentials as a <c>cloudinary://</c> URL or a JSON object (<c>Variable</c>), e.g.
    /// <c>apps/web/cloudinary-url</c>. Set this or <see cref="Variables"/>, not both.
    /// </summary>
    public string? Variable { get; set; }

    /// <summary>
    /// The cloud name to use when no variable holds it (<c>CloudName</c>); <c>AddConjur()</c> defaults it to
    /// <c>Cloudinary:CloudName</c>.
    /// </summary>
    public string? CloudName { get; set; }

    /// <summary>Three variables holding the parts of the credentials (<c>Variables:CloudName|ApiKey|ApiSecret</c>).</summary>
    public ConjurVariableIds Variables { get; set; } = new();

    /// <summary>How many times a transient failure (5xx, 429, timeout, connection error) is retried (<c>MaxRetries</c>, default 2).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The delay before the first retry, doubled for each further one, with jitter (<c>RetryDelay</c>, default 200 ms).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The timeout of each HTTP request to Conjur (<c>Timeout</c>, default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest batch-retrieval URL (path and query, in characters) before the variables are split into more
    /// requests (<c>MaxBatchUrlLength</c>, default 4000; Conjur's web server rejects very long URLs with 414).
    /// </summary>
    public int MaxBatchUrlLength { get; set; } = 4000;

    /// <summary>The largest response body read from Conjur, in bytes (<c>MaxResponseBodyBytes</c>, default 65536).</summary>
    public int MaxResponseBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Problems found while reading the environment and the Conjur CLI files (names and rules, never values).</summary>
    internal List<string> EnvironmentProblems { get; } = [];

    /// <summary>The authenticator in effect: <see cref="Authenticator"/>, or the one implied by the settings present.</summary>
    internal ConjurAuthenticator EffectiveAuthenticator =>
        Authenticator
        ?? (!string.IsNullOrWhiteSpace(TokenFile) ? ConjurAuthenticator.TokenFile
            : !string.IsNullOrWhiteSpace(Token) ? ConjurAuthenticator.Token
            : !string.IsNullOrWhiteSpace(ServiceId) ? ConjurAuthenticator.Jwt
            : ConjurAuthenticator.ApiKey);
}
