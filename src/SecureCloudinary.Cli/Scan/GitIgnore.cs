using System.Text;
using System.Text.RegularExpressions;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// A small <c>.gitignore</c> reader for folders that are not git work trees: supports comments, <c>!</c>
/// negation, trailing <c>/</c> (folders only), leading or inner <c>/</c> (anchored), <c>*</c>, <c>?</c>,
/// <c>[...]</c> and <c>**</c>. Rules of a nested <c>.gitignore</c> apply below its folder; later rules win.
/// </summary>
internal sealed class GitIgnore
{
    private readonly List<(Regex Pattern, bool Negate, bool DirectoryOnly)> _rules = [];

    /// <summary>Adds the rules of one <c>.gitignore</c> file.</summary>
    /// <param name="baseDirectory">The file's folder relative to the scan root (<c>""</c> for the root), with <c>/</c>.</param>
    /// <param name="lines">The file's lines.</param>
    /// <returns>A new matcher with the parent rules followed by these.</returns>
    public GitIgnore With(string baseDirectory, IEnumerable<string> lines)
    {
        var copy = new GitIgnore();
        copy._rules.AddRange(_rules);
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var negate = line.StartsWith('!');
            if (negate)
            {
                line = line[1..];
            }

            var directoryOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0)
            {
                continue;
            }

            var anchored = line.Contains('/', StringComparison.Ordinal);
            line = line.TrimStart('/');
            var prefix = baseDirectory.Length == 0 ? string.Empty : Regex.Escape(baseDirectory) + "/";
            var body = GlobToRegex(line);
            var pattern = anchored ? $"^{prefix}{body}$" : $"^{prefix}(?:.*/)?{body}$";
            copy._rules.Add((new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), negate, directoryOnly));
        }

        return copy;
    }

    /// <summary>Says whether a path is ignored.</summary>
    /// <param name="relativePath">The path relative to the scan root, with <c>/</c>.</param>
    /// <param name="isDirectory">True for a folder.</param>
    /// <returns>True when the last matching rule ignores it.</returns>
    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        var ignored = false;
        foreach (var (pattern, negate, directoryOnly) in _rules)
        {
            if ((!directoryOnly || isDirectory) && pattern.IsMatch(relativePath))
            {
                ignored = !negate;
            }
        }

        return ignored;
    }

    private static string GlobToRegex(string glob)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else if (c == '[' && glob.IndexOf(']', i + 1) is var close and > 0)
            {
                var set = glob[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal);
                sb.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < glob.Length)
            {
                sb.Append(Regex.Escape(glob[++i].ToString()));
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return sb.ToString();
    }
}
