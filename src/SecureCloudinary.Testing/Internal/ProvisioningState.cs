using System.Security.Cryptography;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// The emulated Provisioning (Account) API's side: one account with one product environment (the emulator's cloud),
/// the provisioning key and secret that authenticate to it, and its own fault queue (e.g. 420/429 rate limits).
/// </summary>
internal sealed class ProvisioningState
{
    private const string HexAlphabet = "0123456789abcdef";

    public string AccountId { get; } = Guid.NewGuid().ToString("D");

    public string SubAccountId { get; } = RandomNumberGenerator.GetString(HexAlphabet, 30);

    public string Key { get; } = ApiKeyStore.GenerateApiKey();

    public string Secret { get; } = ApiKeyStore.GenerateSecret();

    /// <summary>Serialises key creation, renaming and deletion so name uniqueness holds under concurrency.</summary>
    public Lock Sync { get; } = new();

    public FaultInjector Faults { get; } = new();

    /// <summary>The most keys one access-key listing answer holds; 0 for no limit.</summary>
    public int PageSizeLimit { get; set; }

    /// <summary>The <c>total</c> the access-key listing reports instead of the real count (a hostile server), or null.</summary>
    public int? ReportedTotal { get; set; }
}
