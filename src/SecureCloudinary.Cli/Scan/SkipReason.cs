namespace SecureCloudinary.Cli.Scan;

/// <summary>Why a file was not scanned.</summary>
internal enum SkipReason
{
    /// <summary>A NUL byte in the first 8 KiB.</summary>
    Binary,

    /// <summary>Larger than <c>--max-file-size</c>.</summary>
    TooLarge,

    /// <summary>Could not be read (deleted meanwhile, no permission).</summary>
    Unreadable,
}
