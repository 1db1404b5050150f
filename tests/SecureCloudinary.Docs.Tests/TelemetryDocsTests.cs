using System.Text.RegularExpressions;

namespace SecureCloudinary.Docs.Tests;

/// <summary>
/// docs/telemetry.md has a table row for every log event id declared with <c>[LoggerMessage]</c> in src/, and
/// names every instrument, span, span tag and span event the core emits.
/// </summary>
public sealed partial class TelemetryDocsTests
{
    private const string Page = "docs/telemetry.md";

    [Fact]
    public void EveryLogEventId_HasARow()
    {
        var ids = SourceFiles().SelectMany(f => LoggerMessageId().Matches(File.ReadAllText(f)).Select(m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct()
            .Order()
            .ToList();
        Assert.True(ids.Count >= 30, $"Only {ids.Count} [LoggerMessage] event ids found in src/: the pattern no longer matches.");

        var documented = File.ReadAllLines(RepositoryFiles.PathOf(Page))
            .Select(l => DocumentedId().Match(l))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        var missing = ids.Where(id => !documented.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{Page} has no '| <id> |' row for event ids: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryTelemetryName_IsNamed()
    {
        var names = SourceFiles()
            .Select(File.ReadAllText)
            .SelectMany(text => TelemetryName().Matches(text).Select(m => m.Groups["name"].Value)
                .Concat(ActivityEventName().Matches(text).Select(m => m.Groups["name"].Value)))
            .Where(n => !n.EndsWith('.'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("securecloudinary.credentials.refreshes", names);
        Assert.Contains("retry.stale_request", names);

        var page = File.ReadAllText(RepositoryFiles.PathOf(Page));
        var missing = names.Where(n => !page.Contains($"`{n}`", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{Page} does not name: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("[LoggerMessage(1400, LogLevel.Debug, \"x\")]", 1400)]
    [InlineData("[LoggerMessage(\n        EventId = 1000,\n        EventName = \"A\")]", 1000)]
    [InlineData("[LoggerMessage(EventName = \"A\", EventId = 1205, Level = LogLevel.Debug)]", 1205)]
    public void LoggerMessageId_FindsPositionalAndNamedIds(string source, int expected) =>
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), LoggerMessageId().Match(source).Groups["id"].Value);

    private static IEnumerable<string> SourceFiles() =>
        RepositoryFiles.Files("src", "*.cs").Where(f => !RepositoryFiles.Relative(f).StartsWith("src/SecureCloudinary.Testing/", StringComparison.Ordinal));

    // The first argument of [LoggerMessage(...)] when positional, else the EventId = N argument.
    [GeneratedRegex(@"\[LoggerMessage\(\s*(?:(?<id>\d+)|[^\]]*?EventId\s*=\s*(?<id>\d+))")]
    private static partial Regex LoggerMessageId();

    [GeneratedRegex(@"^\|\s*(?<id>\d{4})\s*\|")]
    private static partial Regex DocumentedId();

    // Instrument, span and tag names: "securecloudinary.…" and "cloudinary.…" string literals.
    [GeneratedRegex(@"""(?<name>(?:securecloudinary|cloudinary)\.[a-z_.]+)""")]
    private static partial Regex TelemetryName();

    [GeneratedRegex(@"new ActivityEvent\(""(?<name>[^""]+)""")]
    private static partial Regex ActivityEventName();
}
