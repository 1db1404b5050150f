namespace SecureCloudinary.Cli.Configuration;

/// <summary>
/// Turns the arguments a command did not recognise into configuration overrides, the way an app's
/// <c>AddCommandLine</c> would read them: <c>--Cloudinary:Source=Configuration</c>,
/// <c>--Cloudinary:Source Configuration</c> or <c>/Cloudinary:Source=Configuration</c>. Unlike
/// <c>AddCommandLine</c>, a key must be a configuration path (contain ':'), so a mistyped option such as
/// <c>--jsn</c> is an error instead of a silently ignored setting.
/// </summary>
internal static class CommandLineOverrides
{
    /// <summary>Parses the overrides.</summary>
    /// <param name="tokens">The unmatched tokens, in order.</param>
    /// <returns>The key/value pairs, in order (later ones win).</returns>
    /// <exception cref="ConfigurationLoadException">A token is not a configuration override; the message never shows a value.</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> Parse(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var result = new List<KeyValuePair<string, string?>>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var prefix = token.StartsWith("--", StringComparison.Ordinal) ? 2 : token.StartsWith('/') ? 1 : 0;
            if (prefix == 0)
            {
                throw new ConfigurationLoadException(
                    $"Unexpected argument at position {i + 1} (not shown: it may be a value). Configuration overrides look like --Cloudinary:Source=Configuration.");
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? token[prefix..] : token[prefix..equals];
            if (key.Length == 0 || !key.Contains(':', StringComparison.Ordinal))
            {
                throw new ConfigurationLoadException(
                    $"Unrecognized option '{token[..(equals < 0 ? token.Length : equals)]}'. Configuration overrides look like --Cloudinary:Source=Configuration; run with --help for the options.");
            }

            string value;
            if (equals >= 0)
            {
                value = token[(equals + 1)..];
            }
            else if (i + 1 < tokens.Count)
            {
                value = tokens[++i];
            }
            else
            {
                throw new ConfigurationLoadException($"The override '{token}' has no value; use --{key}=value.");
            }

            result.Add(new KeyValuePair<string, string?>(key, value));
        }

        return result;
    }
}
