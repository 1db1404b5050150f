using System.Diagnostics;

namespace SecureCloudinary.Cli.Scan;

/// <summary>Runs <c>git</c> (from PATH) without a shell; arguments are passed as a list, never parsed.</summary>
internal static class GitRunner
{
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
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("core.quotePath=false");
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
            throw new ScanUsageException("git was not found on PATH; it is needed for --staged, --history and --install-hook.");
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
