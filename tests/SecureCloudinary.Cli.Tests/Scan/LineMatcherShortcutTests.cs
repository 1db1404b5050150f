using System.Text.RegularExpressions;
using SecureCloudinary.Cli.Scan;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>
/// The span checks that let <see cref="LineMatcher"/> skip a candidate without running a regular expression (issue
/// 11's speed target) must never skip one that matches: lines at the edges of each check keep their findings.
/// </summary>
public sealed class LineMatcherShortcutTests
{
    private const string S = "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3";
    private const string K = "614335564976464";

    public static TheoryData<string, string> Lines => new()
    {
        { "quoted name, blanks, colon", $"\"api_secret\"  :  \"{S}\"" },
        { "JSON-escaped quotes (notebook)", $"\\\"api_secret\\\": \\\"{S}\\\"" },
        { "XML attribute value=", $"<add key=\"CLOUDINARY_API_SECRET\" value=\"{S}\" />" },
        { "XML attribute Value=", $"<add key=\"api_secret\" Value =\"{S}\" />" },
        { "Unicode blanks around =", $"api_secret\u00A0=\u2003\"{S}\"" },
        { "tabs, bare value (.env)", $"CLOUDINARY_API_SECRET\t\t=\t{S}" },
        { "names without a value, then one with", $"apisecretapisecret api_secret = \"{S}\"" },
        { "identifier run ending in api_secret", $"x_api_secret_api_secret = \"{S}\"" },
        { "name without separator, then a name", $"api_secret apisecret = \"{S}\"" },
        { "arrow and walrus", $"api_secret => \"{S}\"; api_secret := \"{S}\"" },
        { "64-character key", $"cloudinary://{new string('1', 64)}:{S}@demo" },
        { "65-character key", $"cloudinary://{new string('1', 65)}:{S}@demo" },
        { "URL without '@', then a URL", $"cloudinary://1:aaa cloudinary://{K}:{S}@demo" },
        { "URL without cloud", $"cloudinary://{K}:{S}@" },
        { "scheme inside the key, then a URL", $"cloudinary://cloudinary://{K}:{S}@demo" },
        { "URL secret ended by a blank", $"cloudinary://{K}:{S} @demo" },
        { "URL secret ended by a non-ASCII blank", $"cloudinary://{K}:{S}\u00A0@demo" },
        { "non-ASCII in a URL secret run", $"cloudinary://{K}:\u00E9\u00E9{S}\u2003@demo" },
        { "two URLs", $"cloudinary://{K}:{S}@a,cloudinary://{K}:{S}@b" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Scan_EdgeOfASpanCheck_FindsWhatTheRegularExpressionsFind(string shape, string line)
    {
        var matches = new List<LineMatch>();
        LineMatcher.Scan(line, matches, null, 1);

        Assert.Equal<string[]>(Expected(line), [.. matches.Select(m => $"{m.Rule.Id}@{m.Column}:{m.Secret == S}")]);
        Assert.NotNull(shape);
    }

    [Fact]
    public void Whitespace_IsWhatRegexBackslashSMatches()
    {
        var space = new Regex(@"^\s$", RegexOptions.CultureInvariant);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            Assert.True(space.IsMatch(((char)c).ToString()) == LineMatcher.Whitespace.Contains((char)c), $"U+{c:X4}");
        }
    }

    // What the rules report on these lines, written out: each URL whose key is 1-64 characters and whose secret is
    // followed by '@' and a cloud name, and each api_secret assignment with a separator.
    private static string[] Expected(string line) => line switch
    {
        _ when line.StartsWith("\"api_secret\"", StringComparison.Ordinal) => ["CLD002@1:True"],
        _ when line.StartsWith("\\\"api_secret", StringComparison.Ordinal) => ["CLD002@1:True"],
        _ when line.StartsWith("<add key=\"CLOUDINARY", StringComparison.Ordinal) => ["CLD002@10:True"],
        _ when line.StartsWith("<add key=\"api_secret", StringComparison.Ordinal) => ["CLD002@10:True"],
        _ when line.StartsWith("api_secret\u00A0", StringComparison.Ordinal) => ["CLD002@1:True"],
        _ when line.StartsWith("CLOUDINARY_API_SECRET\t", StringComparison.Ordinal) => ["CLD002@1:True"],
        _ when line.StartsWith("apisecretapisecret ", StringComparison.Ordinal) => ["CLD002@20:True"],
        _ when line.StartsWith("x_api_secret_api_secret", StringComparison.Ordinal) => ["CLD002@1:True"],
        _ when line.StartsWith("api_secret apisecret", StringComparison.Ordinal) => ["CLD002@12:True"],
        _ when line.StartsWith("api_secret =>", StringComparison.Ordinal) => ["CLD002@1:True", $"CLD002@{line.LastIndexOf("api_secret", StringComparison.Ordinal) + 1}:True"],
        _ when line.Contains(new string('1', 65), StringComparison.Ordinal) => [],
        _ when line.Contains(new string('1', 64), StringComparison.Ordinal) => ["CLD001@1:True"],
        _ when line.StartsWith("cloudinary://1:aaa", StringComparison.Ordinal) => ["CLD001@20:True"],
        _ when line.Contains("\u00A0@", StringComparison.Ordinal) || line.Contains("\u2003@", StringComparison.Ordinal) => [],
        _ when line.EndsWith('@') || line.Contains(" @", StringComparison.Ordinal) => [],
        _ when line.StartsWith("cloudinary://cloudinary://", StringComparison.Ordinal) => ["CLD001@14:True"],
        _ when line.Contains(",cloudinary://", StringComparison.Ordinal) => ["CLD001@1:True", $"CLD001@{line.IndexOf(",c", StringComparison.Ordinal) + 2}:True"],
        _ => throw new ArgumentException("no expectation for " + line),
    };
}
