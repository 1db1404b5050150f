namespace SecureCloudinary.Cli.Scan;

/// <summary>A usage problem (bad path, not a git repository, unreadable baseline): exit code 2.</summary>
internal sealed class ScanUsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScanUsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the option or path.</param>
    public ScanUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ScanUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
