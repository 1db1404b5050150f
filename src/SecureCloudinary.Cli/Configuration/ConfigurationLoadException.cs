namespace SecureCloudinary.Cli.Configuration;

/// <summary>
/// The configuration could not be read (malformed JSON file or command-line override). The message names the
/// file or argument position, never a value.
/// </summary>
internal sealed class ConfigurationLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationLoadException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong; must not contain a value.</param>
    public ConfigurationLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong; must not contain a value.</param>
    /// <param name="innerException">The parser's error.</param>
    public ConfigurationLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
