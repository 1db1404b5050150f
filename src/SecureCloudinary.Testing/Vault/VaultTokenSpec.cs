namespace SecureCloudinary.Testing.Vault;

/// <summary>What kind of token a <see cref="VaultEmulator"/> login (or <see cref="VaultEmulator.CreateToken"/>) issues.</summary>
public sealed class VaultTokenSpec
{
    /// <summary>The token's policies. Default <c>default</c> only (no KV access).</summary>
    public IReadOnlyList<string> Policies { get; init; } = ["default"];

    /// <summary>The TTL at issue and at each renewal. Default 1 hour.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The TTL renewals cannot go past; null for no limit.</summary>
    public TimeSpan? MaxTtl { get; init; }

    /// <summary>Whether <c>auth/token/renew-self</c> works. Default true.</summary>
    public bool Renewable { get; init; } = true;
}
