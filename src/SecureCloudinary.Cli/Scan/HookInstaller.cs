namespace SecureCloudinary.Cli.Scan;

/// <summary><c>--install-hook</c>: writes a git pre-commit hook that runs <c>secure-cloudinary scan --staged</c>.</summary>
internal static class HookInstaller
{
    /// <summary>A line every hook written by this tool contains, so it can be replaced safely.</summary>
    public const string Marker = "# installed by secure-cloudinary scan --install-hook";

    /// <summary>The hook script.</summary>
    public const string Script = $"""
        #!/bin/sh
        {Marker}
        # Blocks commits that add hardcoded Cloudinary credentials. Bypass once (not recommended): git commit --no-verify
        exec secure-cloudinary scan --staged
        """;

    /// <summary>Installs the hook.</summary>
    /// <param name="folder">A folder inside the work tree.</param>
    /// <param name="force">Replace an existing hook that was not written by this tool.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The hook's path.</returns>
    /// <exception cref="ScanUsageException">Not a repository, or another hook is in the way.</exception>
    public static async Task<string> InstallAsync(string folder, bool force, CancellationToken cancellationToken)
    {
        var workTree = await GitRunner.FindWorkTreeAsync(folder, cancellationToken).ConfigureAwait(false)
            ?? throw new ScanUsageException($"'{folder}' is not inside a git work tree; --install-hook needs one.");

        // Honours core.hooksPath and linked worktrees.
        var (exitCode, output) = await GitRunner.RunAsync(workTree, cancellationToken, "rev-parse", "--git-path", "hooks").ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new ScanUsageException("git rev-parse --git-path hooks failed.");
        }

        var hooks = Path.GetFullPath(Path.Combine(workTree, output.Trim()));
        Directory.CreateDirectory(hooks);
        var hook = Path.Combine(hooks, "pre-commit");
        if (File.Exists(hook) && !force && !(await File.ReadAllTextAsync(hook, cancellationToken).ConfigureAwait(false)).Contains(Marker, StringComparison.Ordinal))
        {
            throw new ScanUsageException($"'{hook}' already exists and was not written by secure-cloudinary; add the line 'secure-cloudinary scan --staged' to it, or pass --force to replace it.");
        }

        await File.WriteAllTextAsync(hook, Script + "\n", cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, File.GetUnixFileMode(hook) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return hook;
    }
}
