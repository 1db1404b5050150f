using System.Text.RegularExpressions;

namespace SecureCloudinary.Docs.Tests;

/// <summary>Relative links in README.md and docs/ point at files that exist, and docs/index.md lists every page.</summary>
public sealed partial class LinkDocsTests
{
    [Fact]
    public void RelativeLinks_PointAtExistingFiles()
    {
        var problems = new List<string>();
        var links = 0;
        foreach (var page in RepositoryFiles.MarkdownPages())
        {
            var folder = Path.GetDirectoryName(page)!;
            foreach (Match match in LinkPattern().Matches(WithoutCode(File.ReadAllText(page))))
            {
                var target = match.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                links++;
                var path = Path.GetFullPath(Path.Combine(folder, target.Split('#')[0]));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    problems.Add($"{RepositoryFiles.Relative(page)}: link '{target}' points at nothing.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(links > 20, $"Only {links} relative links found: the link pattern or the docs changed.");
    }

    [Fact]
    public void Index_LinksEveryPage()
    {
        var index = File.ReadAllText(RepositoryFiles.PathOf("docs/index.md"));
        var targets = LinkPattern().Matches(index).Select(m => m.Groups["target"].Value.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        var missing = RepositoryFiles.Files("docs", "*.md")
            .Select(f => Path.GetRelativePath(RepositoryFiles.PathOf("docs"), f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => p != "index.md" && !targets.Contains(p))
            .ToList();
        Assert.True(missing.Count == 0, "docs/index.md does not link: " + string.Join(", ", missing));
    }

    /// <summary>Drops fenced blocks and inline code, where brackets are code rather than links.</summary>
    private static string WithoutCode(string markdown) => InlineCode().Replace(FencedCode().Replace(markdown, string.Empty), string.Empty);

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
