namespace SecureCloudinary.Cli.Scan;

/// <summary>The outcome of one scan.</summary>
internal sealed class ScanReport
{
    /// <summary>What was scanned: <c>files</c>, <c>staged</c> or <c>history</c>.</summary>
    public string Mode { get; init; } = "files";

    /// <summary>The reported findings, sorted (baselined and low-confidence-filtered ones removed).</summary>
    public List<Finding> Findings { get; } = [];

    /// <summary>Files (or file diffs, in history mode) scanned.</summary>
    public int FilesScanned { get; set; }

    /// <summary>Commits read in history mode.</summary>
    public int Commits { get; set; }

    /// <summary>Bytes scanned.</summary>
    public long Bytes { get; set; }

    /// <summary>Files skipped as binary.</summary>
    public int SkippedBinary { get; set; }

    /// <summary>Files skipped as larger than <c>--max-file-size</c>.</summary>
    public int SkippedTooLarge { get; set; }

    /// <summary>Files that could not be read.</summary>
    public int SkippedUnreadable { get; set; }

    /// <summary>Symbolic links skipped (never followed).</summary>
    public int SkippedLinks { get; set; }

    /// <summary>FIFOs, sockets and devices skipped (never opened).</summary>
    public int SkippedSpecial { get; set; }

    /// <summary>Findings accepted by <c>--baseline</c>.</summary>
    public int Baselined { get; set; }

    /// <summary>Findings below <c>--min-confidence</c>.</summary>
    public int BelowMinimumConfidence { get; set; }

    /// <summary>Wall-clock time of the scan.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Counts one file's result.</summary>
    /// <param name="result">The result.</param>
    public void Count(ContentScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Bytes += result.Bytes;
        switch (result.Skipped)
        {
            case SkipReason.Binary:
                SkippedBinary++;
                break;
            case SkipReason.TooLarge:
                SkippedTooLarge++;
                break;
            case SkipReason.Unreadable:
                SkippedUnreadable++;
                break;
            case SkipReason.Link:
                SkippedLinks++;
                break;
            case SkipReason.SpecialFile:
                SkippedSpecial++;
                break;
            default:
                FilesScanned++;
                break;
        }
    }
}
