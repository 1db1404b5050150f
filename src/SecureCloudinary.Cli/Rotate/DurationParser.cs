using System.Globalization;

namespace SecureCloudinary.Cli.Rotate;

/// <summary>Reads durations such as <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1500ms</c> or <c>00:05:00</c>.</summary>
internal static class DurationParser
{
    /// <summary>Parses a duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration when valid.</param>
    /// <returns>Whether the text is a non-negative duration.</returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        var (number, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            ? (text[..^2], 0.001)
            : char.ToLowerInvariant(text[^1]) switch
            {
                's' => (text[..^1], 1.0),
                'm' => (text[..^1], 60.0),
                'h' => (text[..^1], 3600.0),
                _ => (text, 1.0),
            };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount * unit > 7 * 24 * 3600)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(amount * unit);
        return true;
    }
}
