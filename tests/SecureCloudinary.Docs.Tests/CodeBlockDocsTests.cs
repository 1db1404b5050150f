namespace SecureCloudinary.Docs.Tests;

/// <summary>
/// Every C# block in README.md and docs/ is either a fragment of at most five lines, or an excerpt marked
/// <c>&lt;!-- snippet: samples/… or tests/….cs --&gt;</c> that still appears, line for line, in that file (which
/// CI builds). So longer examples cannot drift from code that compiles.
/// </summary>
public sealed class CodeBlockDocsTests
{
    /// <summary>The longest C# block that may stand without a source file.</summary>
    public const int MaxFragmentLines = 5;

    [Fact]
    public void CSharpBlocks_AreShortFragmentsOrVerbatimExcerpts()
    {
        var problems = new List<string>();
        var checkedExcerpts = 0;
        foreach (var block in RepositoryFiles.MarkdownPages().SelectMany(FencedBlock.Parse).Where(b => b.IsCSharp))
        {
            var where = $"{block.Page}:{block.Line}";
            if (block.SnippetSource is null)
            {
                if (block.CodeLineCount > MaxFragmentLines)
                {
                    problems.Add($"{where}: a C# block of {block.CodeLineCount} lines needs a '<!-- snippet: path -->' line above it naming the sample or test it is taken from (or at most {MaxFragmentLines} lines).");
                }

                continue;
            }

            var source = block.SnippetSource;
            if (!(source.StartsWith("samples/", StringComparison.Ordinal) || source.StartsWith("tests/", StringComparison.Ordinal))
                || !source.EndsWith(".cs", StringComparison.Ordinal))
            {
                problems.Add($"{where}: snippet source '{source}' must be a .cs file under samples/ or tests/.");
                continue;
            }

            if (!File.Exists(RepositoryFiles.PathOf(source)))
            {
                problems.Add($"{where}: snippet source '{source}' does not exist.");
                continue;
            }

            checkedExcerpts++;
            var sourceLines = File.ReadAllLines(RepositoryFiles.PathOf(source));
            var (usings, code) = SplitLeadingUsings(block.Lines);
            if (!ContainsExcerpt(sourceLines, code))
            {
                problems.Add($"{where}: the block no longer appears verbatim in {source}; copy it again from there.");
            }

            foreach (var missing in usings.Where(u => !IsImportedBy(sourceLines, u)))
            {
                problems.Add($"{where}: '{missing}' is shown but {source} neither has it nor lives in that namespace; the block would not compile as shown.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(checkedExcerpts > 0, "No snippet excerpts were found: the parser or the docs changed.");
    }

    [Fact]
    public void ContainsExcerpt_ComparesLinesIgnoringIndentationAndBlankLines()
    {
        string[] file = ["class C", "{", "    void M()", "    {", "        var a = 1;", "", "        var b = 2;", "    }", "}"];
        Assert.True(ContainsExcerpt(file, ["var a = 1;", "var b = 2;"]));
        Assert.False(ContainsExcerpt(file, ["var a = 1;", "var b = 3;"]));
        Assert.False(ContainsExcerpt(file, ["var b = 2;", "var a = 1;"]));
        Assert.False(ContainsExcerpt(file, []));
    }

    [Fact]
    public void SplitLeadingUsings_UsingsAboveTheCode_AreCheckedAgainstTheFilesUsingsAndNamespace()
    {
        string[] file = ["using Microsoft.Extensions.Hosting;", "using SecureCloudinary.Models;", "", "namespace SecureCloudinary.Docs.Tests;", "var a = 1;"];
        var (usings, code) = SplitLeadingUsings(["using Microsoft.Extensions.Hosting;", "using SecureCloudinary;", "", "var a = 1;"]);

        Assert.Equal(["using Microsoft.Extensions.Hosting;", "using SecureCloudinary;"], usings);
        Assert.Equal(["", "var a = 1;"], code);
        Assert.True(IsImportedBy(file, "using Microsoft.Extensions.Hosting;"));
        Assert.True(IsImportedBy(file, "using SecureCloudinary;"));            // the file's namespace is inside it
        Assert.False(IsImportedBy(file, "using SecureCloudinary.Testing;"));
    }

    /// <summary>Splits the <c>using</c> directives at the top of a block from the code under them.</summary>
    internal static (string[] Usings, string[] Code) SplitLeadingUsings(IReadOnlyList<string> lines)
    {
        var count = 0;
        while (count < lines.Count && lines[count].TrimStart().StartsWith("using ", StringComparison.Ordinal)
               && lines[count].TrimEnd().EndsWith(';'))
        {
            count++;
        }

        return (lines.Take(count).Select(l => l.Trim()).ToArray(), lines.Skip(count).ToArray());
    }

    /// <summary>Whether a file has the <c>using</c> directive, or is declared in that namespace or one inside it.</summary>
    internal static bool IsImportedBy(IReadOnlyList<string> file, string usingDirective)
    {
        var imported = usingDirective["using ".Length..].TrimEnd(';').Trim();
        return file.Any(line =>
        {
            var trimmed = line.Trim();
            if (string.Equals(trimmed, usingDirective, StringComparison.Ordinal))
            {
                return true;
            }

            if (!trimmed.StartsWith("namespace ", StringComparison.Ordinal))
            {
                return false;
            }

            var declared = trimmed["namespace ".Length..].TrimEnd(';', '{').Trim();
            return string.Equals(declared, imported, StringComparison.Ordinal)
                || declared.StartsWith(imported + ".", StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// Whether the non-blank lines of <paramref name="excerpt"/> appear consecutively among the non-blank lines of
    /// <paramref name="file"/>, each compared after trimming (so re-indenting an excerpt is allowed, editing it is not).
    /// </summary>
    internal static bool ContainsExcerpt(IReadOnlyList<string> file, IReadOnlyList<string> excerpt)
    {
        var haystack = file.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        var needle = excerpt.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (needle.Length == 0)
        {
            return false;
        }

        for (var start = 0; start + needle.Length <= haystack.Length; start++)
        {
            if (haystack.AsSpan(start, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }
}
