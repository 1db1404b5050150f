namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Decides whether a literal looks like a real API secret: rejects placeholders (<c>your_api_secret</c>,
/// <c>xxx</c>, <c>&lt;api_secret&gt;</c>, <c>${VAR}</c>, <c>%s</c>, names of environment variables) and grades the
/// rest by length, character classes and Shannon entropy.
/// </summary>
internal static class SecretHeuristics
{
    /// <summary>Shortest value considered a secret (Cloudinary secrets have 27 characters).</summary>
    public const int MinimumLength = 10;

    /// <summary>Longest value considered a secret.</summary>
    public const int MaximumLength = 128;

    private static readonly string[] PlaceholderWords =
    [
        "secret", "your", "xxx", "example", "placeholder", "changeme", "change_me", "change-me", "dummy", "sample",
        "redacted", "replace", "insert", "fake", "api_key", "apikey", "password", "cloud_name", "my_key", "mykey",
        "todo", "foobar", "undefined", "notset", "not_set", "masked",
    ];

    /// <summary>Grades a candidate secret.</summary>
    /// <param name="value">The literal.</param>
    /// <returns>The confidence, or null when the value is a placeholder or not secret-shaped.</returns>
    public static Confidence? Assess(ReadOnlySpan<char> value)
    {
        if (value.Length is < MinimumLength or > MaximumLength)
        {
            return null;
        }

        bool lower = false, upper = false, digit = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                upper = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else if (c is not ('_' or '-'))
            {
                return null; // <, {, $, %, ., spaces: a template, an expression or prose
            }
        }

        foreach (var word in PlaceholderWords)
        {
            if (value.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        if (IsFiller(value))
        {
            return null;
        }

        var entropy = Entropy(value);
        var classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0);
        if (value.Length >= 16 && entropy >= 3.5 && classes >= 2)
        {
            return Confidence.High;
        }

        return value.Length >= 12 && entropy >= 3.0 ? Confidence.Medium : Confidence.Low;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The entropy.</returns>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        foreach (var c in value)
        {
            counts[c & 127]++;
        }

        double entropy = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / value.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }

    // "aaaaaaaaaaaa", "abcdefghijklmnopq", "1234567890123": documentation filler.
    private static bool IsFiller(ReadOnlySpan<char> value)
    {
        Span<bool> seen = stackalloc bool[128];
        var distinct = 0;
        var sequential = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (!seen[value[i] & 127])
            {
                seen[value[i] & 127] = true;
                distinct++;
            }

            if (i > 0 && Math.Abs(value[i] - value[i - 1]) == 1)
            {
                sequential++;
            }
        }

        return distinct < 5 || sequential * 2 >= value.Length - 1;
    }
}
