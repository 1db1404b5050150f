namespace SecureCloudinary.Cli.Scan;

/// <summary>What a path is, as <c>lstat</c> sees it (a link is not followed).</summary>
internal enum FileKind
{
    /// <summary>Nothing there (deleted since it was listed).</summary>
    Missing,

    /// <summary>A regular file: the only kind that is opened.</summary>
    Regular,

    /// <summary>A folder (a submodule's, when git lists it).</summary>
    Directory,

    /// <summary>A symbolic link (or a Windows reparse point), never followed.</summary>
    Link,

    /// <summary>A FIFO, socket or device.</summary>
    Special,
}
