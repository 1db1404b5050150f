namespace SecureCloudinary.Testing;

/// <summary>An API key of the emulator as the Provisioning API shows it, without its secret.</summary>
/// <param name="ApiKey">The API key.</param>
/// <param name="Name">The key's name, or null.</param>
/// <param name="Enabled">Whether requests signed with it are accepted.</param>
/// <param name="DedicatedFor">The purpose it is dedicated to (<c>webhooks</c>), or null.</param>
public sealed record EmulatedAccessKey(string ApiKey, string? Name, bool Enabled, string? DedicatedFor);
