namespace SecureCloudinary.Testing.Vault;

/// <summary>One request a <see cref="VaultEmulator"/> received. Never holds a token, password or secret.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path below <c>/v1/</c>, without query string.</param>
/// <param name="Namespace">The <c>X-Vault-Namespace</c> header (trimmed), or an empty string.</param>
/// <param name="StatusCode">The response status.</param>
/// <param name="HadToken">Whether an <c>X-Vault-Token</c> was sent.</param>
/// <param name="Timestamp">When the request finished, by the emulator's clock.</param>
public sealed record VaultEmulatedRequest(
    string Method, string Path, string Namespace, int StatusCode, bool HadToken, DateTimeOffset Timestamp);
