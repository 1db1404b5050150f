namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// What the Conjur source reads outside its configuration: environment variables, the user's home folder
/// (<c>~/.conjurrc</c>, <c>~/.netrc</c>) and the system configuration folder (<c>/etc/conjur.conf</c>). Replaceable in
/// tests: an injected environment finds a home folder only through its own <c>HOME</c> / <c>USERPROFILE</c> and no
/// system folder unless given one, so tests never read the real files.
/// </summary>
internal sealed class ConjurEnvironment
{
    public ConjurEnvironment(Func<string, string?> read, string? systemConfigDirectory = null)
        : this(read, () => HomeFrom(read), systemConfigDirectory)
    {
    }

    private ConjurEnvironment(Func<string, string?> read, Func<string?> home, string? systemConfigDirectory)
    {
        Read = read;
        Home = home;
        SystemConfigDirectory = systemConfigDirectory;
    }

    /// <summary>The real process environment, home folder and <c>/etc</c> (<c>C:\Windows</c> on Windows, as the Go client).</summary>
    public static ConjurEnvironment Process { get; } = new(
        Environment.GetEnvironmentVariable,
        () => HomeFrom(Environment.GetEnvironmentVariable) is { } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } profile ? profile : null,
        OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.Windows) : "/etc");

    public Func<string, string?> Read { get; }

    /// <summary>The user's home folder, or null.</summary>
    public Func<string?> Home { get; }

    /// <summary>The folder holding <c>conjur.conf</c>, or null to read none.</summary>
    public string? SystemConfigDirectory { get; }

    private static string? HomeFrom(Func<string, string?> read) =>
        read("HOME") is { Length: > 0 } home ? home
        : read("USERPROFILE") is { Length: > 0 } profile ? profile
        : null;
}
