using System.Diagnostics;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Runs <c>git</c> without a shell; arguments are passed as a list, never parsed. The scanned checkout may be
/// hostile, so git is looked up only in the absolute folders of PATH (never the current folder, where a repository
/// could have committed an executable named <c>git</c>), and every run turns off the repository settings that make
/// git start other programs.
/// </summary>
internal static class GitRunner
{
    /// <summary>
    /// Settings passed with <c>-c</c> before every command. They override the scanned repository's own
    /// <c>.git/config</c>: <c>core.fsmonitor</c> names a program git runs on <c>ls-files</c>/<c>diff</c>,
    /// <c>safe.bareRepository=explicit</c> stops git from using a bare repository committed inside the tree (whose
    /// config the attacker wrote), and <c>log.showSignature</c> would run <c>gpg.program</c> on <c>git log</c>.
    /// <c>diff.external</c> and textconv drivers are turned off per command (<c>--no-ext-diff --no-textconv</c>).
    /// </summary>
    internal static readonly string[] SafetySettings =
    [
        "core.quotePath=false",
        "core.fsmonitor=false",
        "safe.bareRepository=explicit",
        "log.showSignature=false",
    ];


    /// <summary>Runs git to completion.</summary>
    /// <param name="workingDirectory">Where to run it.</param>
    /// <param name="cancellationToken">Kills git when cancelled.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code and standard output.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.WhenAll(output, error).ConfigureAwait(false);
        await WaitAsync(process, cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false));
    }

    /// <summary>Starts git with redirected output; the caller reads <see cref="Process.StandardOutput"/> and disposes.</summary>
    /// <param name="workingDirectory">Where to run it.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process.</returns>
    /// <exception cref="ScanUsageException">git is not installed.</exception>
    public static Process Start(string workingDirectory, params string[] args)
    {
        var git = ResolveGit(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new ScanUsageException("git was not found in an absolute folder of PATH; it is needed for --staged, --history and --install-hook.");
        var info = new ProcessStartInfo(git)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var setting in SafetySettings)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(setting);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            return Process.Start(info) ?? throw new ScanUsageException("Could not start git.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ScanUsageException($"git could not be started from '{git}'; it is needed for --staged, --history and --install-hook.");
        }
    }

    /// <summary>
    /// Finds git in the absolute folders of <paramref name="pathVariable"/>, in order: empty, relative and <c>.</c>
    /// entries and the process's current folder are skipped, and the candidate must be a regular file (or a link to
    /// one) that is executable. Unlike <see cref="ProcessStartInfo"/>'s lookup, the current folder is never searched.
    /// </summary>
    /// <param name="pathVariable">The value of PATH.</param>
    /// <returns>The full path of git, or null when there is none.</returns>
    public static string? ResolveGit(string? pathVariable)
    {
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }

        var name = OperatingSystem.IsWindows() ? "git.exe" : "git";
        var current = Path.TrimEndingDirectorySeparator(Directory.GetCurrentDirectory());
        foreach (var entry in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var folder = OperatingSystem.IsWindows() ? entry.Trim('"') : entry;
            if (!Path.IsPathFullyQualified(folder)
                || folder.Contains('\0', StringComparison.Ordinal)
                || string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), current, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                continue;
            }

            var candidate = Path.Combine(folder, name);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            var target = FileProbe.Probe(path) == FileKind.Link ? File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName : path;
            if (target is null || FileProbe.Probe(target) != FileKind.Regular)
            {
                return false;
            }

            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return OperatingSystem.IsWindows() || (File.GetUnixFileMode(target) & anyExecute) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Waits for git to exit, killing it on cancellation.</summary>
    /// <param name="process">The process.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when git has exited.</returns>
    public static async Task WaitAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Returns the top folder of the work tree containing <paramref name="folder"/>, or null outside one.</summary>
    /// <param name="folder">A folder.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The top-level folder, or null.</returns>
    public static async Task<string?> FindWorkTreeAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            var (exitCode, output) = await RunAsync(folder, cancellationToken, "rev-parse", "--show-toplevel").ConfigureAwait(false);
            return exitCode == 0 && output.Trim() is { Length: > 0 } top ? top : null;
        }
        catch (ScanUsageException)
        {
            return null; // no git: walk the folder instead
        }
    }
}
