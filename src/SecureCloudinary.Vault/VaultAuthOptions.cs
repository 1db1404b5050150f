using System.Diagnostics;

namespace SecureCloudinary.Vault;

/// <summary>
/// How the Vault source logs in (<c>Cloudinary:Vault:Auth</c>). Only the settings of the selected
/// <see cref="Method"/> are used. Secret values set here never appear in logs, messages or <see cref="ToString"/>.
/// </summary>
public sealed class VaultAuthOptions
{
    /// <summary>The default Kubernetes service-account token file.</summary>
    public const string DefaultKubernetesJwtFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>
    /// The auth method (<c>Auth:Method</c>). Default <see cref="VaultAuthMethod.Token"/>.
    /// </summary>
    public VaultAuthMethod Method { get; set; } = VaultAuthMethod.Token;

    /// <summary>
    /// The mount the auth method is enabled at (<c>Auth:MountPath</c>); default by method: <c>approle</c>,
    /// <c>kubernetes</c>, <c>jwt</c>, <c>userpass</c> (the token method always uses <c>auth/token</c>).
    /// </summary>
    public string? MountPath { get; set; }

    /// <summary>The Vault token for <see cref="VaultAuthMethod.Token"/> (<c>Auth:Token</c>, fallback <c>VAULT_TOKEN</c>).</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? Token { get; set; }

    /// <summary>The AppRole role id (<c>Auth:RoleId</c>).</summary>
    public string? RoleId { get; set; }

    /// <summary>The AppRole secret id (<c>Auth:SecretId</c>); or use <see cref="SecretIdFile"/>.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? SecretId { get; set; }

    /// <summary>A file holding the AppRole secret id (<c>Auth:SecretIdFile</c>), re-read at every login.</summary>
    public string? SecretIdFile { get; set; }

    /// <summary>
    /// Whether the secret id (value or file) is a response-wrapping token to unwrap through
    /// <c>sys/wrapping/unwrap</c> (<c>Auth:SecretIdIsWrapped</c>, default false).
    /// </summary>
    public bool SecretIdIsWrapped { get; set; }

    /// <summary>The Kubernetes or JWT role (<c>Auth:Role</c>); required for Kubernetes, optional for JWT.</summary>
    public string? Role { get; set; }

    /// <summary>
    /// The file holding the JWT (<c>Auth:JwtFile</c>), re-read at every login. For Kubernetes the default is
    /// <see cref="DefaultKubernetesJwtFile"/>; for JWT it is required.
    /// </summary>
    public string? JwtFile { get; set; }

    /// <summary>The userpass username (<c>Auth:Username</c>).</summary>
    public string? Username { get; set; }

    /// <summary>The userpass password (<c>Auth:Password</c>).</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? Password { get; set; }

    /// <summary>The auth mount actually used: <see cref="MountPath"/> or the method's default.</summary>
    /// <returns>The mount path without slashes at either end.</returns>
    public string EffectiveMountPath() =>
        !string.IsNullOrWhiteSpace(MountPath) ? MountPath.Trim().Trim('/') : Method switch
        {
            VaultAuthMethod.AppRole => "approle",
            VaultAuthMethod.Kubernetes => "kubernetes",
            VaultAuthMethod.Jwt => "jwt",
            VaultAuthMethod.UserPass => "userpass",
            _ => "token",
        };

    /// <summary>Describes the method and mount; never a secret.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() => $"VaultAuthOptions {{ Method = {Method}, MountPath = {EffectiveMountPath()} }}";
}
