namespace SecureCloudinary.Cli.Scan;

/// <summary>The parsed <c>scan</c> command line.</summary>
internal sealed class ScanSettings
{
    /// <summary>The default <c>--max-file-size</c> in megabytes.</summary>
    public const double DefaultMaxFileSizeMegabytes = 5;

    /// <summary>The folder or file to scan (or the repository folder for <c>--staged</c>/<c>--history</c>).</summary>
    public string Path { get; init; } = ".";

    /// <summary>Scan only the staged content.</summary>
    public bool Staged { get; init; }

    /// <summary>Scan every commit reachable from HEAD.</summary>
    public bool History { get; init; }

    /// <summary>Print SARIF 2.1.0 instead of text.</summary>
    public bool Sarif { get; init; }

    /// <summary>Findings whose fingerprint is in this file are accepted.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Write the current findings' fingerprints to this file.</summary>
    public string? WriteBaselinePath { get; init; }

    /// <summary>Files larger than this are skipped.</summary>
    public long MaxFileBytes { get; init; } = (long)(DefaultMaxFileSizeMegabytes * 1024 * 1024);

    /// <summary>Findings below this confidence are not reported.</summary>
    public Confidence MinimumConfidence { get; init; } = Confidence.Low;

    /// <summary>Ping Cloudinary with the found credentials.</summary>
    public bool Verify { get; init; }

    /// <summary>How many files to scan at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
