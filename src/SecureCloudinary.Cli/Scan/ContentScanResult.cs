namespace SecureCloudinary.Cli.Scan;

/// <summary>What scanning one file's content produced.</summary>
internal sealed class ContentScanResult
{
    /// <summary>The matches, with their 1-based line numbers, after ignore comments and file-level context.</summary>
    public List<(int Line, LineMatch Match)> Matches { get; } = [];

    /// <summary>API keys and cloud names seen (only with <c>--verify</c>).</summary>
    public List<ContextValue>? Context { get; init; }

    /// <summary>Why the content was not scanned, or null when it was.</summary>
    public SkipReason? Skipped { get; set; }

    /// <summary>Bytes read.</summary>
    public long Bytes { get; set; }
}
