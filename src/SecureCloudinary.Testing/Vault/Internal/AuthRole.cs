namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>
/// One login identity the emulator accepts on an auth mount: an AppRole (role id + secret id), a Kubernetes or
/// JWT role (accepted JWTs), or a userpass user (password).
/// </summary>
internal sealed class AuthRole
{
    public required string Name { get; init; }

    public required VaultTokenSpec Spec { get; init; }

    /// <summary>AppRole secret ids, JWTs or passwords this role accepts.</summary>
    public HashSet<string> Credentials { get; } = new(StringComparer.Ordinal);

    /// <summary>For AppRole: whether a secret id is needed (bind_secret_id).</summary>
    public bool BindSecretId { get; init; } = true;
}
