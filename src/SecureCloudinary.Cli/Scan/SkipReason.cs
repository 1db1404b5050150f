namespace SecureCloudinary.Cli.Scan;

/// <summary>Why a file was not scanned.</summary>
internal enum SkipReason
{
    /// <summary>A NUL byte in the first 8 KiB.</summary>
    Binary,

    /// <summary>Larger than <c>--max-file-size</c> (a file, a staged blob, or one file's added lines in a commit).</summary>
    TooLarge,

    /// <summary>Could not be read (deleted meanwhile, no permission).</summary>
    Unreadable,

    /// <summary>A symbolic link (or a file under a linked folder): never followed, it may lead out of the tree.</summary>
    Link,

    /// <summary>Not a regular file: a FIFO, socket or device, never opened.</summary>
    SpecialFile,
}
