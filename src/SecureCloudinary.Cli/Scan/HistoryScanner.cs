using System.Globalization;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Scans every commit reachable from HEAD by streaming <c>git log -p -U0</c> and scanning the added lines of
/// each file diff, with their line numbers in that commit's version of the file. Merge commits show no diff
/// (git's default), so a secret typed into a conflict resolution only is not seen. Each file diff has the same size
/// limit as a file (<c>--max-file-size</c>, counted over its added lines); a larger one is skipped as too large.
/// </summary>
internal static class HistoryScanner
{
    private const char CommitMarker = '\u0001';

    /// <summary>Scans the history.</summary>
    /// <param name="workTree">The repository's work tree.</param>
    /// <param name="collectContext">Collect API keys and cloud names for <c>--verify</c>.</param>
    /// <param name="maxBytes">The size limit of one file's added lines in one commit.</param>
    /// <param name="report">Receives the counts.</param>
    /// <param name="cancellationToken">Cancels (kills git).</param>
    /// <returns>The findings.</returns>
    public static async Task<List<Finding>> ScanAsync(string workTree, bool collectContext, long maxBytes, ScanReport report, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        using var process = GitRunner.Start(
            workTree, "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--format=%x01%H", "HEAD", "--");
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        var prefilter = collectContext ? LineMatcher.VerifyPrefilter : LineMatcher.Prefilter;
        var reader = new BoundedLineReader(process.StandardOutput, maxBytes);
        string? commit = null, path = null;
        ContentScanResult? result = null;
        MatchCollector? collector = null;
        int newLine = 0, remainingOld = 0, remainingNew = 0;
        string? previousAdded = null;

        void Flush()
        {
            if (result is not null && collector is not null && commit is not null && path is not null)
            {
                if (result.Skipped is null)
                {
                    collector.Finish();
                }

                report.Count(result);
                foreach (var (line, match) in result.Matches)
                {
                    findings.Add(new Finding(path, line, match, commit) { Candidate = ScanRunner.Complete(match, line, result.Context) });
                }
            }

            result = null;
            collector = null;
        }

        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (remainingOld > 0 || remainingNew > 0)
            {
                if (line.StartsWith('+'))
                {
                    if (result!.Skipped is null)
                    {
                        result.Bytes += System.Text.Encoding.UTF8.GetByteCount(line.AsSpan(1)) + 1;
                        if (result.Bytes > maxBytes)
                        {
                            result.Skipped = SkipReason.TooLarge;
                            result.Matches.Clear();
                            result.Context?.Clear();
                        }
                    }

                    if (result.Skipped is null && line.AsSpan(1).IndexOfAny(prefilter) >= 0)
                    {
                        collector!.ScanLine(line.AsSpan(1), previousAdded is null ? default : previousAdded.AsSpan(1), newLine);
                    }

                    previousAdded = line;
                    newLine++;
                    remainingNew--;
                }
                else if (line.StartsWith('-'))
                {
                    remainingOld--;
                }
                else if (line.StartsWith(' '))
                {
                    newLine++;
                    remainingOld--;
                    remainingNew--;
                }

                continue; // "\ No newline at end of file" needs nothing
            }

            if (line.Length > 0 && line[0] == CommitMarker)
            {
                Flush();
                commit = line[1..];
                report.Commits++;
            }
            else if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                Flush();
                path = null;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                path = ParsePath(line[4..]);
                if (path is not null)
                {
                    result = new ContentScanResult { Context = collectContext ? [] : null };
                    collector = new MatchCollector(result);
                }
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal) && collector is not null)
            {
                (remainingOld, newLine, remainingNew) = ParseHunk(line);
                previousAdded = null;
            }
        }

        Flush();
        await GitRunner.WaitAsync(process, cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0 && report.Commits == 0)
        {
            throw new ScanUsageException($"git log failed in '{workTree}' (exit {process.ExitCode}): is there a commit yet?");
        }

        return findings;
    }

    private static string? ParsePath(string raw)
    {
        if (raw == "/dev/null")
        {
            return null;
        }

        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
        {
            raw = raw[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        return raw.StartsWith("b/", StringComparison.Ordinal) ? raw[2..] : raw;
    }

    // "@@ -a[,b] +c[,d] @@ ..." → (b, c, d); a missing count means 1.
    private static (int OldCount, int NewStart, int NewCount) ParseHunk(string line)
    {
        var parts = line.Split(' ', 4);
        var (_, oldCount) = Range(parts[1]);
        var (newStart, newCount) = Range(parts[2]);
        return (oldCount, newStart, newCount);

        static (int Start, int Count) Range(string text)
        {
            var comma = text.IndexOf(',', StringComparison.Ordinal);
            return comma < 0
                ? (int.Parse(text.AsSpan(1), CultureInfo.InvariantCulture), 1)
                : (int.Parse(text.AsSpan(1, comma - 1), CultureInfo.InvariantCulture), int.Parse(text.AsSpan(comma + 1), CultureInfo.InvariantCulture));
        }
    }
}
