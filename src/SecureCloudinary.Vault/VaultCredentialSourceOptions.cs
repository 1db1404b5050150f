namespace SecureCloudinary.Vault;

/// <summary>
/// Settings of the Vault credential source, bound from <c>Cloudinary:Vault</c>. Unset connection settings fall
/// back to the Vault CLI's environment variables (<c>VAULT_ADDR</c>, <c>VAULT_NAMESPACE</c>, <c>VAULT_CACERT</c>,
/// <c>VAULT_SKIP_VERIFY</c>, <c>VAULT_TOKEN</c>). <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class VaultCredentialSourceOptions
{
    /// <summary>The configuration section name under <c>Cloudinary</c>.</summary>
    public const string SectionName = "Vault";

    /// <summary>The default KV mount, <c>secret</c>.</summary>
    public const string DefaultMountPath = "secret";

    /// <summary>The default response body cap, 64 KiB.</summary>
    public const int DefaultMaxResponseBodyBytes = 64 * 1024;

    /// <summary>
    /// The Vault server address, e.g. <c>https://vault.example.com:8200</c> (<c>Address</c>, fallback
    /// <c>VAULT_ADDR</c>). HTTPS is required unless the host is loopback.
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>The Enterprise/HCP namespace sent as <c>X-Vault-Namespace</c> (<c>Namespace</c>, fallback <c>VAULT_NAMESPACE</c>).</summary>
    public string? Namespace { get; set; }

    /// <summary>A PEM file of CA certificates to trust for the Vault server (<c>CaCertificateFile</c>, fallback <c>VAULT_CACERT</c>).</summary>
    public string? CaCertificateFile { get; set; }

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
    /// How often a transient failure (412, 429, 5xx except 501, 503 sealed, network) is retried (<c>MaxRetries</c>, default 2).
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry delay, doubled at each retry with jitter (<c>RetryDelay</c>, default 1 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The timeout of one HTTP request to Vault (<c>Timeout</c>, default 60 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest response body read from Vault (<c>MaxResponseBodyBytes</c>, default 64 KiB).</summary>
    public int MaxResponseBodyBytes { get; set; } = DefaultMaxResponseBodyBytes;

    /// <summary>Set when <c>VAULT_ADDR</c> was used but is not an absolute URL (for the validation message).</summary>
    internal bool AddressFromEnvironmentInvalid { get; set; }

    /// <summary>Describes where the secret is read from and how; never a secret.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() =>
        $"VaultCredentialSourceOptions {{ Address = {Address?.GetLeftPart(UriPartial.Authority) ?? "(none)"}, "
        + $"Namespace = {Namespace ?? "(none)"}, MountPath = {MountPath}, Path = {Path ?? "(none)"}, "
        + $"KvVersion = {(KvVersion == 0 ? "auto" : KvVersion)}, Auth = {Auth.Method} }}";
}
