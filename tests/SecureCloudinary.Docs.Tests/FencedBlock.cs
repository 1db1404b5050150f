namespace SecureCloudinary.Docs.Tests;

/// <summary>A fenced code block in a Markdown page.</summary>
/// <param name="Page">The page, relative to the repository root.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Language">The fence's info string (e.g. <c>csharp</c>), lower case.</param>
/// <param name="Lines">The block's lines.</param>
/// <param name="SnippetSource">The file named by a <c>&lt;!-- snippet: path --&gt;</c> comment right above the fence, or null.</param>
internal sealed record FencedBlock(string Page, int Line, string Language, IReadOnlyList<string> Lines, string? SnippetSource)
{
    private const string SnippetMarker = "<!-- snippet:";

    /// <summary>Whether the block holds C#.</summary>
    public bool IsCSharp => Language is "csharp" or "cs" or "c#";

    /// <summary>The lines that are not blank.</summary>
    public int CodeLineCount => Lines.Count(l => !string.IsNullOrWhiteSpace(l));

    /// <summary>Reads every fenced block of a page.</summary>
    public static IReadOnlyList<FencedBlock> Parse(string fullPath)
    {
        var page = RepositoryFiles.Relative(fullPath);
        var lines = File.ReadAllLines(fullPath);
        var blocks = new List<FencedBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].TrimStart();
            if (!open.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var fence = open[..(open.Length - open.TrimStart('`').Length)];
            var language = open[fence.Length..].Trim().ToLowerInvariant();
            var body = new List<string>();
            var j = i + 1;
            while (j < lines.Length && !lines[j].TrimStart().StartsWith(fence, StringComparison.Ordinal))
            {
                body.Add(lines[j]);
                j++;
            }

            blocks.Add(new FencedBlock(page, i + 1, language, body, FindSnippetSource(lines, i)));
            i = j;
        }

        return blocks;
    }

    private static string? FindSnippetSource(string[] lines, int fenceIndex)
    {
        var k = fenceIndex - 1;
        while (k >= 0 && string.IsNullOrWhiteSpace(lines[k]))
        {
            k--;
        }

        if (k < 0)
        {
            return null;
        }

        var text = lines[k].Trim();
        return text.StartsWith(SnippetMarker, StringComparison.Ordinal) && text.EndsWith("-->", StringComparison.Ordinal)
            ? text[SnippetMarker.Length..^3].Trim()
            : null;
    }
}
