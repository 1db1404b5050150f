using System.Text;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Validates and escapes Vault path segments (mounts, secret paths, namespaces). A path is one or more
/// segments separated by <c>/</c>; leading and trailing slashes are ignored. Segments may not be empty,
/// <c>.</c> or <c>..</c>, end in <c>.</c>, or hold <c>?</c>, <c>#</c>, <c>%</c>, <c>\</c>, whitespace or control
/// characters, so no value can escape its place in the URL or add a query.
/// </summary>
internal static class VaultPath
{
    /// <summary>Returns why <paramref name="path"/> is not a usable Vault path, or null when it is.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "is empty";
        }

        var trimmed = path.Trim('/');
        if (trimmed.Length == 0)
        {
            return "is empty";
        }

        foreach (var segment in trimmed.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "has an empty segment ('//')";
            }

            if (segment is "." or "..")
            {
                return "has a '.' or '..' segment";
            }

            if (segment.EndsWith('.'))
            {
                return "has a segment ending in '.'";
            }

            foreach (var c in segment)
            {
                if (c is '?' or '#' or '%' or '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
                {
                    return "contains a character that is not allowed ('?', '#', '%', '\\', whitespace or control characters)";
                }
            }
        }

        return null;
    }

    /// <summary>Trims slashes and percent-encodes each segment of a path already checked by <see cref="Problem"/>.</summary>
    public static string Escape(string path)
    {
        var builder = new StringBuilder(path.Length + 8);
        foreach (var segment in path.Trim('/').Split('/'))
        {
            if (builder.Length > 0)
            {
                builder.Append('/');
            }

            builder.Append(Uri.EscapeDataString(segment));
        }

        return builder.ToString();
    }

    /// <summary>The path without slashes at either end, for messages (paths are not secret).</summary>
    public static string Display(string path) => path.Trim().Trim('/');
}
