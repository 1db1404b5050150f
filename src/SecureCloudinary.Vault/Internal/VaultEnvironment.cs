namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Reads the Vault CLI's environment variables and the user's home folder (for <c>~/.vault-token</c>); replaceable in
/// tests. An injected environment finds the home folder only through its own <c>HOME</c> / <c>USERPROFILE</c>, never
/// the real one.
/// </summary>
internal sealed class VaultEnvironment
{
    public VaultEnvironment(Func<string, string?> read)
        : this(read, () => HomeFrom(read))
    {
    }

    private VaultEnvironment(Func<string, string?> read, Func<string?> home)
    {
        Read = read;
        Home = home;
    }

    public static VaultEnvironment Process { get; } = new(
        Environment.GetEnvironmentVariable,
        () => HomeFrom(Environment.GetEnvironmentVariable) is { } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } profile ? profile : null);

    public Func<string, string?> Read { get; }

    /// <summary>The user's home folder, or null when unknown.</summary>
    public Func<string?> Home { get; }

    private static string? HomeFrom(Func<string, string?> read) =>
        read("HOME") is { Length: > 0 } home ? home
        : read("USERPROFILE") is { Length: > 0 } profile ? profile
        : null;
}
