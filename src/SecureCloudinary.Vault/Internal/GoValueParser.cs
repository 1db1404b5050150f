using System.Globalization;
using System.Text.RegularExpressions;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Parses environment values exactly as the official Vault client does: <c>strconv.ParseBool</c>,
/// <c>strconv.ParseUint</c> and <c>parseutil.ParseDurationSecond</c> (plain seconds or a Go duration such as
/// <c>1m30s</c>).
/// </summary>
internal static partial class GoValueParser
{
    /// <summary>Go's <c>strconv.ParseBool</c>: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False; anything else is null.</summary>
    public static bool? ParseBool(string value) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    /// <summary>A non-negative decimal integer that fits 32 bits, or null.</summary>
    public static uint? ParseUInt(string value) =>
        value.Length > 0 && value.All(char.IsAsciiDigit)
        && uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Plain seconds (<c>30</c>) or a Go duration (<c>1m30s</c>, <c>500ms</c>, <c>1.5h</c>); null when neither.</summary>
    public static TimeSpan? ParseDurationSecond(string value)
    {
        if (ParseUInt(value) is { } seconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (!GoDuration().IsMatch(value))
        {
            return null;
        }

        double ticks = 0;
        foreach (Match part in GoDurationPart().Matches(value))
        {
            var number = double.Parse(part.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += number * part.Groups[2].Value switch
            {
                "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        return ticks > TimeSpan.MaxValue.Ticks ? null : TimeSpan.FromTicks((long)ticks);
    }

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();
}
