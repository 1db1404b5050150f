namespace SecureCloudinary.Vault.Internal;

/// <summary>Short explanations of Vault's transient statuses, for messages.</summary>
internal static class VaultStatus
{
    public static string Describe(VaultResponse response) => response.StatusCode switch
    {
        503 when response.Errors.Any(e => e.Contains("sealed", StringComparison.OrdinalIgnoreCase)) => ": Vault is sealed",
        503 => ": Vault is sealed, in maintenance or has no active node",
        429 => ": rate limited, or a standby node answered",
        412 => ": an Enterprise consistency precondition failed",
        400 => ": the KV mount is being upgraded to version 2",
        _ => string.Empty,
    };
}
