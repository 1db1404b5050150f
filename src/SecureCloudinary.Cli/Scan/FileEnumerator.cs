namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Lists the files to scan under a folder, honouring <c>.gitignore</c>: inside a git work tree it asks git
/// (<c>git ls-files --cached --others --exclude-standard</c>, which also applies <c>.git/info/exclude</c> and the
/// global excludes file); elsewhere it walks the folder with <see cref="GitIgnore"/>.
/// </summary>
internal static class FileEnumerator
{
    /// <summary>Lists files.</summary>
    /// <param name="root">The folder.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>Relative paths with <c>/</c>, sorted.</returns>
    public static async Task<List<string>> ListAsync(string root, CancellationToken cancellationToken)
    {
        List<string> files;
        if (await GitRunner.FindWorkTreeAsync(root, cancellationToken).ConfigureAwait(false) is not null)
        {
            var (exitCode, output) = await GitRunner.RunAsync(
                root, cancellationToken, "ls-files", "-z", "--cached", "--others", "--exclude-standard").ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new ScanUsageException($"git ls-files failed in '{root}' (exit {exitCode}).");
            }

            files = [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
        }
        else
        {
            files = [];
            Walk(root, string.Empty, new GitIgnore(), files, cancellationToken);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Walk(string root, string relative, GitIgnore ignore, List<string> files, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var folder = relative.Length == 0 ? root : Path.Combine(root, relative);
        var gitignore = Path.Combine(folder, ".gitignore");
        if (File.Exists(gitignore))
        {
            ignore = ignore.With(relative, File.ReadLines(gitignore));
        }

        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions
        {
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
        });
        foreach (var entry in entries)
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                // A link (to a file or a folder) is listed like a file, as git lists it; the scan skips it, never
                // following it, so there are no link loops and nothing outside the tree is read.
                if (!ignore.IsIgnored(path, isDirectory: false))
                {
                    files.Add(path);
                }
            }
            else if (entry is DirectoryInfo)
            {
                if (entry.Name != ".git" && !ignore.IsIgnored(path, isDirectory: true))
                {
                    Walk(root, path, ignore, files, cancellationToken);
                }
            }
            else if (!ignore.IsIgnored(path, isDirectory: false))
            {
                files.Add(path);
            }
        }
    }
}
