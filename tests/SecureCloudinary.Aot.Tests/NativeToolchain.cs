namespace SecureCloudinary.Aot.Tests;

/// <summary>
/// Makes sure the native toolchain Native AOT links with is present: <c>clang</c> on PATH and the zlib headers.
/// When missing, installs them with apt-get if this is Debian/Ubuntu and we run as root; otherwise fails with a
/// message that says what to install.
/// </summary>
internal static class NativeToolchain
{
    private const string ZlibHeader = "/usr/include/zlib.h";
    private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Why the toolchain is incomplete, or null when clang and the zlib headers are both there.</summary>
    public static string? Missing()
    {
        var missing = new List<string>();
        if (FindOnPath("clang") is null)
        {
            missing.Add("clang (not on PATH)");
        }

        if (!File.Exists(ZlibHeader))
        {
            missing.Add($"zlib headers ({ZlibHeader})");
        }

        return missing.Count == 0 ? null : string.Join(" and ", missing);
    }

    /// <summary>Installs clang and zlib1g-dev when they are missing and this machine allows it; else fails.</summary>
    public static async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (Missing() is not { } missing)
        {
            return;
        }

        const string Advice = "Native AOT needs clang and the zlib headers: install them (Debian/Ubuntu: "
            + "`apt-get install clang zlib1g-dev`; Fedora: `dnf install clang zlib-devel`) and run the test again.";
        if (!OperatingSystem.IsLinux() || !IsDebianFamily() || Environment.UserName != "root" || FindOnPath("apt-get") is not { } aptGet)
        {
            Assert.Fail($"Missing {missing}; this test installs them itself only as root on Debian/Ubuntu. {Advice}");
            return;
        }

        var update = await ProcessRunner.RunAsync(aptGet, ["update"], "/", null, AptTimeout, cancellationToken);
        Assert.True(update.ExitCode == 0, $"Missing {missing}; `apt-get update` failed. {Advice}\n{update.Describe()}");
        var install = await ProcessRunner.RunAsync(
            aptGet, ["install", "-y", "--no-install-recommends", "clang", "zlib1g-dev"], "/", null, AptTimeout, cancellationToken);
        Assert.True(install.ExitCode == 0, $"Missing {missing}; `apt-get install` failed. {Advice}\n{install.Describe()}");
        Assert.True(Missing() is null, $"Still missing {Missing()} after apt-get install. {Advice}");
    }

    /// <summary>The full path of <paramref name="name"/> in a PATH directory, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (dir.Contains('\0', StringComparison.Ordinal))
            {
                continue;
            }

            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsDebianFamily()
    {
        const string OsRelease = "/etc/os-release";
        if (!File.Exists(OsRelease))
        {
            return false;
        }

        var text = File.ReadAllText(OsRelease);
        return text.Contains("ID=debian", StringComparison.Ordinal)
            || text.Contains("ID=ubuntu", StringComparison.Ordinal)
            || text.Contains("ID_LIKE=debian", StringComparison.Ordinal)
            || text.Contains("ID_LIKE=ubuntu", StringComparison.Ordinal);
    }
}
