namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Reads the flat YAML of a Conjur CLI configuration file (<c>~/.conjurrc</c>, <c>/etc/conjur.conf</c>): lines
/// <c>key: value</c>, optionally quoted, <c>#</c> comments and a <c>---</c> header. Only top-level scalar keys are kept.
/// </summary>
internal static class ConjurRcFile
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>The keys and values of the file, or null when it does not exist or cannot be read.</summary>
    public static Dictionary<string, string>? Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes)
            {
                return null;
            }

            return Parse(File.ReadAllLines(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static Dictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            if (raw.Length == 0 || char.IsWhiteSpace(raw[0]) || raw.StartsWith('#') || raw.StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = raw[..colon].Trim();
            var value = raw[(colon + 1)..].Trim();
            if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
            {
                value = value[1..^1];
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var comment and >= 0)
            {
                value = value[..comment].TrimEnd();
            }

            if (value.Length > 0)
            {
                values[key] = value;
            }
        }

        return values;
    }
}
