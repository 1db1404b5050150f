namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>A token the Vault emulator issued, with its lifetime.</summary>
internal sealed class EmulatedToken
{
    public required string Value { get; init; }

    public required string Namespace { get; init; }

    public required IReadOnlyList<string> Policies { get; init; }

    public required TimeSpan Ttl { get; init; }

    public required bool Renewable { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When renewals stop growing the lease; null for none.</summary>
    public DateTimeOffset? MaxExpiresAt { get; init; }

    /// <summary>When the token expires; null for a root token that never does.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool Revoked { get; set; }

    /// <summary>Uses left, for wrapping tokens (1) — 0 means unlimited.</summary>
    public int UsesLeft { get; set; }

    /// <summary>The secret id a wrapping token holds, or null.</summary>
    public string? WrappedSecretId { get; init; }

    public bool IsRoot => Policies.Contains("root");

    public bool IsValid(DateTimeOffset now) => !Revoked && (ExpiresAt is not { } e || now < e);
}
