using System.Text;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// <c>--install-hook</c>: writes a git pre-commit hook that runs <c>scan --staged</c> with the same tool that installed
/// it (its absolute path, or <c>dotnet tool run</c> when it comes from the repository's local tool manifest), so the
/// hook works without <c>secure-cloudinary</c> on PATH, and says how to reinstall when that tool is gone.
/// </summary>
internal static class HookInstaller
{
    /// <summary>A line every hook written by this tool contains, so it can be replaced safely.</summary>
    public const string Marker = "# installed by secure-cloudinary scan --install-hook";

    private const string Reinstall =
        "Reinstall it (dotnet tool install --global SecureCloudinary.Cli, or from a local build: see docs/cli.md), "
        + "then run 'secure-cloudinary scan --install-hook --force' in this repository. Bypass once (not recommended): git commit --no-verify";

    /// <summary>Installs the hook.</summary>
    /// <param name="folder">A folder inside the work tree.</param>
    /// <param name="force">Replace an existing hook that was not written by this tool.</param>
    /// <param name="tool">How to start this tool again.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The hook's path.</returns>
    /// <exception cref="ScanUsageException">Not a repository, or another hook is in the way.</exception>
    public static async Task<string> InstallAsync(string folder, bool force, ToolCommand tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
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

        await File.WriteAllTextAsync(hook, Script(tool, UsesLocalManifest(workTree, tool)), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, File.GetUnixFileMode(hook) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return hook;
    }

    /// <summary>The hook script for <paramref name="tool"/>.</summary>
    /// <param name="tool">The tool to run.</param>
    /// <param name="localManifest">Run it with <c>dotnet tool run</c> (the repository's tool manifest lists it).</param>
    /// <returns>The script (POSIX sh, LF line ends).</returns>
    public static string Script(ToolCommand tool, bool localManifest)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var script = new StringBuilder();
        script.Append("#!/bin/sh\n").Append(Marker).Append('\n');
        script.Append("# Blocks commits that add hardcoded Cloudinary credentials. Bypass once (not recommended): git commit --no-verify\n");
        if (localManifest)
        {
            script.Append("# Runs secure-cloudinary from this repository's local tool manifest (.config/dotnet-tools.json).\n");
            script.Append("if ! command -v dotnet >/dev/null 2>&1 || ! dotnet tool run secure-cloudinary --help >/dev/null 2>&1; then\n");
            script.Append("  echo \"secure-cloudinary pre-commit hook: the local tool secure-cloudinary cannot be started. Run 'dotnet tool restore' in this repository (needs the .NET SDK).\" >&2\n");
            script.Append("  exit 1\n");
            script.Append("fi\n");
            script.Append("exec dotnet tool run secure-cloudinary scan --staged\n");
            return script.ToString();
        }

        script.Append("# Runs the secure-cloudinary that installed this hook, by absolute path (it need not be on PATH).\n");
        foreach (var path in tool.Arguments)
        {
            script.Append("if [ ! -e ").Append(Quote(path)).Append(" ]; then\n");
            script.Append("  echo ").Append(Quote($"secure-cloudinary pre-commit hook: {path} no longer exists, so the staged changes cannot be scanned.")).Append(" >&2\n");
            script.Append("  echo ").Append(Quote(Reinstall)).Append(" >&2\n");
            script.Append("  exit 1\n");
            script.Append("fi\n");
        }

        script.Append("exec");
        foreach (var argument in tool.Arguments)
        {
            script.Append(' ').Append(Quote(argument));
        }

        script.Append(" scan --staged\n");
        return script.ToString();
    }

    /// <summary>Whether a local tool manifest at or above the work tree lists the tool and the tool runs from it.</summary>
    private static bool UsesLocalManifest(string workTree, ToolCommand tool)
    {
        if (!tool.LooksLikeRestoredPackage)
        {
            return false;
        }

        for (var directory = new DirectoryInfo(workTree); directory is not null; directory = directory.Parent)
        {
            foreach (var manifest in (ReadOnlySpan<string>)[Path.Combine(directory.FullName, ".config", "dotnet-tools.json"), Path.Combine(directory.FullName, "dotnet-tools.json")])
            {
                if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("SecureCloudinary.Cli", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Quotes a word for POSIX sh: single quotes, with <c>'</c> written as <c>'\''</c>.</summary>
    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
