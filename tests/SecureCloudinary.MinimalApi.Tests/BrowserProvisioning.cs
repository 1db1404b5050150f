using System.Diagnostics;
using System.Text;

namespace SecureCloudinary.MinimalApi.Tests;

/// <summary>
/// Finds a Chromium for the browser test, installing one when the machine has none, so that
/// <c>dotnet test SecureCloudinary.sln</c> alone passes on a fresh machine.
/// </summary>
/// <remarks>
/// Order: <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH</c>; a browser Playwright installed (<c>PLAYWRIGHT_BROWSERS_PATH</c> or
/// <c>~/.cache/ms-playwright</c>); a system Chromium or Chrome on the absolute entries of <c>PATH</c> or in the usual
/// places; Playwright's own <c>install chromium</c>; on Debian or Ubuntu, as root, the distribution's package. Only when
/// all of these fail does <see cref="LocateOrInstallAsync"/> throw, with one message that says what to install.
/// </remarks>
internal static class BrowserProvisioning
{
    /// <summary>The variable that names a Chromium or Chrome executable to use.</summary>
    public const string ExecutablePathVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH";

    private static readonly string[] SystemBrowserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

    private static readonly string[] SystemBrowserPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium", "/usr/bin/google-chrome", "/opt/google/chrome/chrome"];

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Returns the path of a Chromium executable, installing one when none is found.</summary>
    /// <param name="log">Receives one line per step taken (never a secret: paths and exit codes only).</param>
    /// <param name="cancellationToken">Cancels waiting for an install.</param>
    /// <exception cref="InvalidOperationException">No browser is there and none could be installed.</exception>
    public static async Task<string> LocateOrInstallAsync(Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var tried = new List<string>();
            if (Locate(Environment.GetEnvironmentVariable, tried) is { } found)
            {
                log($"Using the browser at {found}.");
                return found;
            }

            log("No browser found (" + string.Join("; ", tried) + "); trying Playwright's install.");
            var playwrightExit = await RunWithTimeoutAsync(
                () => Microsoft.Playwright.Program.Main(["install", "chromium"]), TimeSpan.FromMinutes(3), cancellationToken);
            tried.Add($"`playwright install chromium` ({playwrightExit})");
            if (Locate(Environment.GetEnvironmentVariable, []) is { } installedByPlaywright)
            {
                log($"Playwright installed {installedByPlaywright}.");
                return installedByPlaywright;
            }

            if (IsDebianLike() && Environment.IsPrivilegedProcess)
            {
                log("Installing the distribution's chromium package with apt-get.");
                var aptExit = await InstallWithAptAsync(cancellationToken);
                tried.Add($"`apt-get install chromium` ({aptExit})");
                if (Locate(Environment.GetEnvironmentVariable, []) is { } installedByApt)
                {
                    log($"apt-get installed {installedByApt}.");
                    return installedByApt;
                }
            }
            else
            {
                tried.Add("apt-get not tried (needs Debian or Ubuntu and root)");
            }

            throw new InvalidOperationException(
                "The browser test needs Chromium and none could be found or installed. Install it (Debian/Ubuntu: "
                + "`sudo apt-get install chromium`) or set " + ExecutablePathVariable + " to a Chromium or Chrome executable. Tried: "
                + string.Join("; ", tried) + ".");
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Looks for an installed browser without installing anything.</summary>
    /// <param name="getVariable">Reads an environment variable (injectable for tests).</param>
    /// <param name="tried">Receives a short description of each place that did not hold a browser.</param>
    /// <returns>The executable's full path, or null.</returns>
    public static string? Locate(Func<string, string?> getVariable, List<string> tried)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(tried);
        if (getVariable(ExecutablePathVariable) is { Length: > 0 } configured)
        {
            if (IsExecutableFile(configured))
            {
                return Path.GetFullPath(configured);
            }

            tried.Add($"{ExecutablePathVariable}={configured} is not an executable file");
        }

        foreach (var root in PlaywrightBrowserRoots(getVariable))
        {
            if (FindPlaywrightChromium(root) is { } playwrightBrowser)
            {
                return playwrightBrowser;
            }
        }

        tried.Add("no Playwright-installed Chromium");

        // Only absolute PATH entries: a relative entry would let the current folder supply the browser.
        var pathEntries = (getVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(entry => entry.Length > 0 && Path.IsPathFullyQualified(entry));
        foreach (var candidate in pathEntries.SelectMany(entry => SystemBrowserNames.Select(name => Path.Combine(entry, name)))
                     .Concat(SystemBrowserPaths))
        {
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        tried.Add("no chromium or chrome on PATH or in /usr/bin, /snap/bin, /opt/google/chrome");
        return null;
    }

    private static IEnumerable<string> PlaywrightBrowserRoots(Func<string, string?> getVariable)
    {
        if (getVariable("PLAYWRIGHT_BROWSERS_PATH") is { Length: > 0 } browsersPath && browsersPath != "0")
        {
            yield return browsersPath;
        }

        if (getVariable("HOME") is { Length: > 0 } home)
        {
            yield return Path.Combine(home, ".cache", "ms-playwright");
        }
    }

    private static string? FindPlaywrightChromium(string root)
    {
        if (!Directory.Exists(root))
        {
            return null;
        }

        // chromium-<revision>/chrome-linux64/chrome (newer) or chrome-linux/chrome (older); newest revision first.
        return Directory.EnumerateDirectories(root, "chromium-*")
            .OrderByDescending(directory => directory, StringComparer.Ordinal)
            .SelectMany(directory => new[] { Path.Combine(directory, "chrome-linux64", "chrome"), Path.Combine(directory, "chrome-linux", "chrome") })
            .FirstOrDefault(IsExecutableFile);
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return false;
            }

            return OperatingSystem.IsWindows()
                || (File.GetUnixFileMode(info.FullName) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsDebianLike()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/etc/os-release") || !File.Exists("/usr/bin/apt-get"))
        {
            return false;
        }

        var fields = File.ReadAllLines("/etc/os-release")
            .Where(line => line.StartsWith("ID=", StringComparison.Ordinal) || line.StartsWith("ID_LIKE=", StringComparison.Ordinal))
            .SelectMany(line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim('"').Split(' '));
        return fields.Any(id => id is "debian" or "ubuntu");
    }

    private static async Task<string> InstallWithAptAsync(CancellationToken cancellationToken)
    {
        var update = await RunAsync("/usr/bin/apt-get", ["update", "-qq"], cancellationToken);
        if (update != 0)
        {
            return $"apt-get update exited {update}";
        }

        foreach (var package in new[] { "chromium", "chromium-browser" })
        {
            var install = await RunAsync("/usr/bin/apt-get", ["install", "-y", "-qq", "--no-install-recommends", package], cancellationToken);
            if (install == 0)
            {
                return $"installed {package}";
            }
        }

        return "apt-get install failed for chromium and chromium-browser";
    }

    private static async Task<int> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var drainOut = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var drainError = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(drainOut, drainError);
        return process.ExitCode;
    }

    private static async Task<string> RunWithTimeoutAsync(Func<int> action, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var run = Task.Run(action, cancellationToken);
        var finished = await Task.WhenAny(run, Task.Delay(timeout, cancellationToken));
        if (finished != run)
        {
            return "gave up after " + timeout.TotalMinutes + " min";
        }

        try
        {
            return "exit " + await run;
        }
#pragma warning disable CA1031 // Any failure of Playwright's installer only means: try the next way.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return "failed: " + ex.GetType().Name;
        }
    }
}
