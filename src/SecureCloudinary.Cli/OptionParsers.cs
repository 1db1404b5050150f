using System.CommandLine.Parsing;
using System.Globalization;

namespace SecureCloudinary.Cli;

/// <summary>
/// Parsers for numeric options that report a bad value as a parse error (exit 2, one line) instead of throwing:
/// System.CommandLine's own conversion error surfaces as an exception from validators that read the value.
/// </summary>
internal static class OptionParsers
{
    /// <summary>Parses a positive whole number.</summary>
    /// <param name="result">The option's tokens.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="what">What the value must be, e.g. "a positive whole number of seconds".</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <returns>The value, or 0 after adding an error.</returns>
    public static int PositiveInt32(ArgumentResult result, string option, string what, int defaultValue)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        var text = Single(result, option);
        if (text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        if (text is not null)
        {
            result.AddError($"{option} must be {what}.");
        }

        return 0;
    }

    /// <summary>Parses a positive number (decimals allowed, invariant culture).</summary>
    /// <param name="result">The option's tokens.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="what">What the value must be, e.g. "a positive number of megabytes".</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <returns>The value, or 0 after adding an error.</returns>
    public static double PositiveDouble(ArgumentResult result, string option, string what, double defaultValue)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        var text = Single(result, option);
        if (text is not null
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        if (text is not null)
        {
            result.AddError($"{option} must be {what}.");
        }

        return 0;
    }

    private static string? Single(ArgumentResult result, string option)
    {
        if (result.Tokens.Count == 1)
        {
            return result.Tokens[0].Value;
        }

        result.AddError($"{option} needs exactly one value.");
        return null;
    }
}
