namespace SecureCloudinary.Vault;

/// <summary>
/// Settings of the Vault credential source, bound from <c>Cloudinary:Vault</c>. Unset connection settings fall
/// back to the environment variables the official Vault client reads (<c>VAULT_AGENT_ADDR</c>, <c>VAULT_ADDR</c>,
/// <c>VAULT_NAMESPACE</c>, <c>VAULT_CACERT</c>, <c>VAULT_CACERT_BYTES</c>, <c>VAULT_CAPATH</c>, <c>VAULT_CLIENT_CERT</c>,
/// <c>VAULT_CLIENT_KEY</c>, <c>VAULT_TLS_SERVER_NAME</c>, <c>VAULT_SKIP_VERIFY</c>, <c>VAULT_MAX_RETRIES</c>,
/// <c>VAULT_CLIENT_TIMEOUT</c>, <c>VAULT_DISABLE_REDIRECTS</c>, <c>VAULT_TOKEN</c>, then <c>~/.vault-token</c>).
/// <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class VaultCredentialSourceOptions
{
    private int _maxRetries = 2;
    private TimeSpan _timeout = TimeSpan.FromSeconds(60);

    /// <summary>The configuration section name under <c>Cloudinary</c>.</summary>
    public const string SectionName = "Vault";

    /// <summary>The default KV mount, <c>secret</c>.</summary>
    public const string DefaultMountPath = "secret";

    /// <summary>The default response body cap, 64 KiB.</summary>
    public const int DefaultMaxResponseBodyBytes = 64 * 1024;

    /// <summary>
    /// The Vault server address, e.g. <c>https://vault.example.com:8200</c> (<c>Address</c>, fallback
    /// <c>VAULT_AGENT_ADDR</c>, then <c>VAULT_ADDR</c>). HTTPS is required unless the host is loopback.
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>The Enterprise/HCP namespace sent as <c>X-Vault-Namespace</c> (<c>Namespace</c>, fallback <c>VAULT_NAMESPACE</c>).</summary>
    public string? Namespace { get; set; }

    /// <summary>A PEM file of CA certificates to trust for the Vault server (<c>CaCertificateFile</c>, fallback <c>VAULT_CACERT</c>).</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>
    /// PEM text of CA certificates to trust for the Vault server (<c>CaCertificate</c>, fallback
    /// <c>VAULT_CACERT_BYTES</c>); used when <see cref="CaCertificateFile"/> is not set.
    /// </summary>
    public string? CaCertificate { get; set; }

    /// <summary>
    /// A directory of PEM CA certificate files to trust for the Vault server (<c>CaCertificateDirectory</c>, fallback
    /// <c>VAULT_CAPATH</c>); used when neither <see cref="CaCertificateFile"/> nor <see cref="CaCertificate"/> is set.
    /// </summary>
    public string? CaCertificateDirectory { get; set; }

    /// <summary>
    /// A PEM client certificate presented to Vault listeners that require one (mutual TLS) (<c>ClientCertificateFile</c>,
    /// fallback <c>VAULT_CLIENT_CERT</c>); needs <see cref="ClientKeyFile"/>.
    /// </summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>
    /// The unencrypted PEM private key of <see cref="ClientCertificateFile"/> (<c>ClientKeyFile</c>, fallback
    /// <c>VAULT_CLIENT_KEY</c>).
    /// </summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// The name the Vault server's certificate must carry when it differs from the host of <see cref="Address"/>
    /// (<c>TlsServerName</c>, fallback <c>VAULT_TLS_SERVER_NAME</c>).
    /// </summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// Stops following the 301/302/307 redirects a Vault HA standby answers with (<c>DisableRedirects</c>, fallback
    /// <c>VAULT_DISABLE_REDIRECTS</c>, default false). When followed, at most two hops, to the same scheme only.
    /// </summary>
    public bool? DisableRedirects { get; set; }

    /// <summary>
    /// Disables TLS certificate verification (<c>SkipTlsVerify</c>, fallback <c>VAULT_SKIP_VERIFY</c>). Only for
    /// throw-away test servers: a warning is logged whenever it is on.
    /// </summary>
    public bool? SkipTlsVerify { get; set; }

    /// <summary>The KV secrets engine mount (<c>MountPath</c>, default <c>secret</c>).</summary>
    public string MountPath { get; set; } = DefaultMountPath;

    /// <summary>The secret's path inside the mount, e.g. <c>cloudinary/prod</c> (<c>Path</c>, required).</summary>
    public string? Path { get; set; }

    /// <summary>
    /// The KV engine version (<c>KvVersion</c>): 1, 2, or 0 (default) to detect it through
    /// <c>sys/internal/ui/mounts</c>.
    /// </summary>
    public int KvVersion { get; set; }

    /// <summary>A KV v2 version to pin (<c>Version</c>); null (default) reads the latest.</summary>
    public int? Version { get; set; }

    /// <summary>The field names in the secret (<c>Fields</c>).</summary>
    public VaultFieldOptions Fields { get; set; } = new();

    /// <summary>How to authenticate (<c>Auth</c>).</summary>
    public VaultAuthOptions Auth { get; set; } = new();

    /// <summary>
    /// How often a transient failure (412, 429, 5xx except 501, 503 sealed, network) is retried (<c>MaxRetries</c>,
    /// fallback <c>VAULT_MAX_RETRIES</c>, default 2).
    /// </summary>
    public int MaxRetries
    {
        get => _maxRetries;
        set
        {
            _maxRetries = value;
            MaxRetriesSet = true;
        }
    }

    /// <summary>The first retry delay, doubled at each retry with jitter (<c>RetryDelay</c>, default 1 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The timeout of one HTTP request to Vault (<c>Timeout</c>, fallback <c>VAULT_CLIENT_TIMEOUT</c>, default 60 s).</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set
        {
            _timeout = value;
            TimeoutSet = true;
        }
    }

    /// <summary>The largest response body read from Vault (<c>MaxResponseBodyBytes</c>, default 64 KiB).</summary>
    public int MaxResponseBodyBytes { get; set; } = DefaultMaxResponseBodyBytes;

    /// <summary>Set when <c>VAULT_ADDR</c> was used but is not an absolute URL (for the validation message).</summary>
    internal bool AddressFromEnvironmentInvalid { get; set; }

    /// <summary>The environment variable <see cref="Address"/> came from (<c>VAULT_AGENT_ADDR</c> or <c>VAULT_ADDR</c>).</summary>
    internal string AddressVariable { get; set; } = "VAULT_ADDR";

    /// <summary>Environment variables that were set but could not be used (names and the rule, never values).</summary>
    internal List<string> EnvironmentProblems { get; } = [];

    /// <summary>Whether <see cref="MaxRetries"/> was set (by configuration or code), so the environment does not override it.</summary>
    internal bool MaxRetriesSet { get; private set; }

    /// <summary>Whether <see cref="Timeout"/> was set (by configuration or code).</summary>
    internal bool TimeoutSet { get; private set; }

    /// <summary>Describes where the secret is read from and how; never a secret.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() =>
        $"VaultCredentialSourceOptions {{ Address = {Address?.GetLeftPart(UriPartial.Authority) ?? "(none)"}, "
        + $"Namespace = {Namespace ?? "(none)"}, MountPath = {MountPath}, Path = {Path ?? "(none)"}, "
        + $"KvVersion = {(KvVersion == 0 ? "auto" : KvVersion)}, Auth = {Auth.Method} }}";
}
