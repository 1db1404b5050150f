namespace SecureCloudinary.Vault.Internal;

/// <summary>Reads the Vault CLI's environment variables (replaceable in tests).</summary>
internal sealed class VaultEnvironment
{
    public VaultEnvironment(Func<string, string?> read)
    {
        Read = read;
    }

    public static VaultEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    public Func<string, string?> Read { get; }
}
