using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Reliability;

/// <summary>
/// The generated sections of <c>docs/reliability.md</c> (between <c>&lt;!-- name:begin --&gt;</c> and
/// <c>&lt;!-- name:end --&gt;</c>). Test runs never write the tracked file: a section goes to the test output and to
/// <c>reliability/NAME.md</c> under the test's bin folder; the docs are rewritten only when
/// <see cref="RegenerateVariable"/> is <c>1</c>, after the test's asserts passed, one process at a time.
/// </summary>
internal static class ReliabilityDocs
{
    /// <summary>Set to <c>1</c> to let a passing run rewrite its sections of <c>docs/reliability.md</c>.</summary>
    public const string RegenerateVariable = "SECURECLOUDINARY_REGENERATE_DOCS";

    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);

    /// <summary>Whether this run was asked to rewrite the docs.</summary>
    public static bool RegenerationRequested =>
        string.Equals(Environment.GetEnvironmentVariable(RegenerateVariable), "1", StringComparison.Ordinal);

    public static string Begin(string name) => $"<!-- {name}:begin -->";

    public static string End(string name) => $"<!-- {name}:end -->";

    /// <summary>Writes the section to the test output and to a file under the test's bin folder; returns that file.</summary>
    public static string Report(string name, string markdown)
    {
        var block = Block(name, markdown);
        TestContext.Current.TestOutputHelper?.WriteLine(block);
        var folder = Path.Combine(AppContext.BaseDirectory, "reliability");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".md");
        File.WriteAllText(path, block + "\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// When <see cref="RegenerationRequested"/>, rewrites the section in <c>docs/reliability.md</c> (under a lock
    /// shared by every test process); returns the file written, or null when regeneration was not requested.
    /// Call it after the asserts.
    /// </summary>
    public static string? RegenerateIfRequested(string name, string markdown)
    {
        if (!RegenerationRequested)
        {
            return null;
        }

        var path = DocsFile() ?? throw new InvalidOperationException("docs/reliability.md not found above " + AppContext.BaseDirectory);
        using (AcquireLock(path))
        {
            var existing = File.Exists(path) ? File.ReadAllText(path) : null;
            var temp = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temp, Replace(existing, name, markdown), new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }

    /// <summary>The committed text of the section (markers excluded, trailing newlines trimmed), or null.</summary>
    public static string? Committed(string name)
    {
        var path = DocsFile();
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var begin = text.IndexOf(Begin(name), StringComparison.Ordinal);
        var end = begin < 0 ? -1 : text.IndexOf(End(name), begin, StringComparison.Ordinal);
        return begin < 0 || end < 0 ? null : text[(begin + Begin(name).Length)..end].Trim('\n');
    }

    /// <summary>Replaces the section (markers kept) or appends it; every other part of the document is kept.</summary>
    public static string Replace(string? document, string name, string markdown)
    {
        var block = Block(name, markdown);
        if (string.IsNullOrEmpty(document))
        {
            return "# Reliability\n\n" + block + "\n";
        }

        document = document.ReplaceLineEndings("\n");
        var begin = document.IndexOf(Begin(name), StringComparison.Ordinal);
        var end = begin < 0 ? -1 : document.IndexOf(End(name), begin, StringComparison.Ordinal);
        return begin < 0 || end < 0
            ? document.TrimEnd('\n') + "\n\n" + block + "\n"
            : string.Concat(document.AsSpan(0, begin), block, document.AsSpan(end + End(name).Length));
    }

    /// <summary><c>docs/reliability.md</c> of the checkout the tests were built from, or null.</summary>
    public static string? DocsFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureCloudinary.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "reliability.md");
            }
        }

        return null;
    }

    private static string Block(string name, string markdown) =>
        $"{Begin(name)}\n{markdown.ReplaceLineEndings("\n").Trim('\n')}\n{End(name)}";

    /// <summary>An exclusive lock file in the temp folder (never in the checkout), keyed by the docs file's path.</summary>
    private static FileStream AcquireLock(string path)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"securecloudinary-reliability-{key}.lock");
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50); // another test process holds the lock: poll, bounded by LockWait
            }
        }
    }
}
