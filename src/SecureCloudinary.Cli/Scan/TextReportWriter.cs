using System.Globalization;
using System.Text;

namespace SecureCloudinary.Cli.Scan;

/// <summary>The human-readable report: one line per finding, then a summary line.</summary>
internal static class TextReportWriter
{
    /// <summary>Formats the findings, one per line: <c>path:line:column: RULE [confidence] masked match</c>.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string FindingsText(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        foreach (var f in report.Findings)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{f.Path}:{f.Line}:{f.Column}: {f.Rule.Id} {f.Rule.Name} [{Name(f.Confidence)}] {f.MaskedText}");
            if (f.Commit is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $" (commit {f.Commit[..Math.Min(12, f.Commit.Length)]})");
            }

            sb.Append('\n');
            if (f.Verification is { } verification)
            {
                sb.Append("    verify: ").Append(verification.Detail).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The summary line.</summary>
    /// <param name="report">The report.</param>
    /// <returns>One line, without a line break.</returns>
    public static string Summary(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var what = report.Mode switch
        {
            "staged" => $"{report.FilesScanned} staged file(s)",
            "history" => $"{report.Commits} commit(s), {report.FilesScanned} file change(s)",
            _ => $"{report.FilesScanned} file(s)",
        };
        var megabytes = report.Bytes / (1024.0 * 1024.0);
        var seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-6);
        var sb = new StringBuilder();
        if (report.Findings.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"No Cloudinary secrets found in {what}");
        }
        else
        {
            var high = report.Findings.Count(f => f.Confidence == Confidence.High);
            var medium = report.Findings.Count(f => f.Confidence == Confidence.Medium);
            var low = report.Findings.Count - high - medium;
            sb.Append(CultureInfo.InvariantCulture, $"Found {report.Findings.Count} Cloudinary secret(s) ({high} high, {medium} medium, {low} low confidence) in {what}");
        }

        sb.Append(CultureInfo.InvariantCulture, $" ({megabytes:0.0} MB in {report.Elapsed.TotalSeconds:0.00} s, {megabytes / seconds:0} MB/s)");
        if (report.Baselined > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; {report.Baselined} accepted by the baseline");
        }

        if (report.BelowMinimumConfidence > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; {report.BelowMinimumConfidence} below --min-confidence");
        }

        var skipped = report.SkippedBinary + report.SkippedTooLarge + report.SkippedUnreadable + report.SkippedLinks + report.SkippedSpecial;
        if (skipped > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; skipped {report.SkippedBinary} binary, {report.SkippedTooLarge} too large, {report.SkippedUnreadable} unreadable, {report.SkippedLinks} links, {report.SkippedSpecial} special");
        }

        return sb.Append('.').ToString();
    }

    /// <summary>The lowercase confidence name used in every output.</summary>
    /// <param name="confidence">The confidence.</param>
    /// <returns><c>high</c>, <c>medium</c> or <c>low</c>.</returns>
    public static string Name(Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };
}
