using System.Text.RegularExpressions;

namespace SecureCloudinary.Aot.Tests;

/// <summary>Finds the trim (IL2xxx) and AOT (IL3xxx) diagnostics in <c>dotnet publish</c> output.</summary>
internal static partial class TrimWarnings
{
    /// <summary>Every distinct line that reports an IL2xxx or IL3xxx warning or error.</summary>
    public static IReadOnlyList<string> All(string buildOutput) =>
        buildOutput.Split('\n')
            .Select(line => line.Trim())
            .Where(line => Diagnostic().IsMatch(line))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The ones about our code: the location or the member named in the message belongs to a SecureCloudinary
    /// assembly or to the sample. The project suffix MSBuild appends (<c>[…/AotQuickStart.csproj]</c>) does not count.
    /// </summary>
    public static IReadOnlyList<string> Ours(string buildOutput) =>
        All(buildOutput)
            .Where(line =>
            {
                var text = ProjectSuffix().Replace(line, string.Empty);
                return text.Contains("SecureCloudinary", StringComparison.Ordinal)
                    || text.Contains("AotQuickStart", StringComparison.Ordinal);
            })
            .ToList();

    [GeneratedRegex(@"\b(warning|error)\s+IL[23]\d{3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"\s*\[[^\[\]]+\.csproj(::[^\]]*)?\]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectSuffix();
}
