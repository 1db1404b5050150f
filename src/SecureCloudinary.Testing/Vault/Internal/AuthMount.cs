namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>An enabled auth method: its type (<c>approle</c>, <c>kubernetes</c>, <c>jwt</c>, <c>userpass</c>) and roles.</summary>
internal sealed class AuthMount
{
    public required string Type { get; init; }

    public Dictionary<string, AuthRole> Roles { get; } = new(StringComparer.Ordinal);

    /// <summary>For JWT: the role used when the login names none.</summary>
    public string? DefaultRole { get; set; }
}
