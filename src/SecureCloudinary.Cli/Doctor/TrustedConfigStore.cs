using System.Security.Cryptography;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>
/// The configuration files the user trusted with <c>doctor --trust-config</c>, remembered by path and SHA-256 of
/// their content in a user-level file (<c>$XDG_CONFIG_HOME/secure-cloudinary/trusted-config-files</c>, else
/// <c>~/.config/…</c>, on Windows <c>%APPDATA%\secure-cloudinary\…</c>), in the style of <c>direnv allow</c>: a file
/// stays trusted until its content changes.
/// </summary>
internal sealed class TrustedConfigStore
{
    private const string FileName = "trusted-config-files";
    private readonly string? _path;

    private TrustedConfigStore(string? path)
    {
        _path = path;
    }

    /// <summary>The store for the user whose environment is given; it keeps nothing when no home folder is known.</summary>
    /// <param name="environment">The environment variables.</param>
    /// <returns>The store.</returns>
    public static TrustedConfigStore ForUser(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) && Path.IsPathRooted(value) ? value : null;
        var folder = Get("XDG_CONFIG_HOME")
            ?? (OperatingSystem.IsWindows() ? Get("APPDATA") : null)
            ?? (Get("HOME") is { } home ? Path.Combine(home, ".config") : null);
        return new TrustedConfigStore(folder is null ? null : Path.Combine(folder, "secure-cloudinary", FileName));
    }

    /// <summary>Whether the file was trusted with its current content.</summary>
    /// <param name="file">The configuration file.</param>
    /// <returns>True when its path and hash are recorded.</returns>
    public bool IsTrusted(string file)
    {
        if (_path is null || !File.Exists(_path) || Hash(file) is not { } hash)
        {
            return false;
        }

        var entry = Entry(hash, file);
        try
        {
            return File.ReadLines(_path).Any(line => string.Equals(line, entry, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Records the files as trusted with their current content (replacing older entries for the same path).</summary>
    /// <param name="files">The configuration files.</param>
    public void Trust(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (_path is null)
        {
            return;
        }

        List<string> entries;
        try
        {
            entries = File.Exists(_path) ? [.. File.ReadAllLines(_path)] : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            if (Hash(file) is not { } hash)
            {
                continue;
            }

            entries.RemoveAll(line => line.EndsWith(" " + file, StringComparison.Ordinal));
            entries.Add(Entry(hash, file));
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            File.WriteAllLines(_path, entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Trust for this run still holds; it is just not remembered.
        }
    }

    private static string Entry(string hash, string file) => hash + " " + file;

    private static string? Hash(string file)
    {
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
