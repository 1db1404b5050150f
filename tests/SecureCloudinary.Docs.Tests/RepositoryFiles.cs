namespace SecureCloudinary.Docs.Tests;

/// <summary>Finds the repository the tests run in and reads its files.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding SecureCloudinary.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The full path of a file given relative to the root with '/' separators.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The text of a file given relative to the root.</summary>
    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The path of <paramref name="fullPath"/> relative to the root, with '/' separators.</summary>
    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Every file matching <paramref name="pattern"/> under <paramref name="folder"/>, skipping bin/ and obj/.</summary>
    public static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(PathOf(folder), pattern, SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    /// <summary>README.md and every Markdown page under docs/.</summary>
    public static IEnumerable<string> MarkdownPages() => Files("docs", "*.md").Prepend(PathOf("README.md"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureCloudinary.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecureCloudinary.sln not found above " + AppContext.BaseDirectory);
    }
}
