using System.Runtime.InteropServices;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Looks at a path without following a symbolic link (lstat), so the scanner opens only regular files: opening a
/// FIFO blocks until a writer appears, and a link may point out of the scanned tree.
/// </summary>
internal static class FileProbe
{
    // The runtime's own portable lstat (System.Native, shipped with every .NET on Unix). Only the leading
    // Flags and Mode fields are read; the buffer is larger than the structure so that fields added by later
    // runtimes fit. Mode uses the PAL's S_IFMT values, which are the same on Linux and macOS.
    private const int StatusBufferBytes = 512;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int LinkType = 0xA000;

    private static bool s_nativeUnavailable;

    /// <summary>What <paramref name="path"/> is, without following a link at its end.</summary>
    /// <param name="path">A full path.</param>
    /// <returns>The kind of file system entry.</returns>
    public static FileKind Probe(string path)
    {
        if (!OperatingSystem.IsWindows() && NativeType(path) is { } type)
        {
            return type switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                LinkType => FileKind.Link,
                _ => FileKind.Special,
            };
        }

        // Windows, a host without System.Native, or nothing there: the managed calls (links are reparse points).
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.Link;
        }

        return Directory.Exists(path) ? FileKind.Directory : info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>
    /// True when a folder between <paramref name="root"/> and the file <paramref name="relative"/> is a link (git
    /// lists index entries without looking at the work tree, where a folder may since have become a link).
    /// </summary>
    /// <param name="root">The scanned root folder.</param>
    /// <param name="relative">The file's path relative to the root, with <c>/</c>.</param>
    /// <param name="checkedFolders">Folders already checked (relative path → is a link), shared across calls.</param>
    /// <returns>Whether a parent folder of the file is a link.</returns>
    public static bool HasLinkedFolder(string root, string relative, System.Collections.Concurrent.ConcurrentDictionary<string, bool> checkedFolders)
    {
        ArgumentNullException.ThrowIfNull(relative);
        ArgumentNullException.ThrowIfNull(checkedFolders);
        for (var slash = relative.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = relative.IndexOf('/', slash + 1))
        {
            var folder = relative[..slash];
            if (checkedFolders.GetOrAdd(folder, f => new DirectoryInfo(Path.Combine(root, f)).LinkTarget is not null))
            {
                return true;
            }
        }

        return false;
    }

    private static int? NativeType(string path)
    {
        if (Volatile.Read(ref s_nativeUnavailable))
        {
            return null;
        }

        try
        {
            var status = new byte[StatusBufferBytes];
            var utf8Path = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1]; // NUL-terminated
            System.Text.Encoding.UTF8.GetBytes(path, utf8Path);
            return NativeMethods.LStat(utf8Path, status) == 0 ? BitConverter.ToInt32(status, 4) & TypeMask : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A host that does not expose it: the managed checks still see links, and the scanner never opens an
            // empty file, which is what a FIFO, socket or device looks like to them.
            Volatile.Write(ref s_nativeUnavailable, true);
            return null;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int LStat(byte[] utf8Path, [Out] byte[] status);
    }
}
