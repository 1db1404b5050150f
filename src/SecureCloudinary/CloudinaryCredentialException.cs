namespace SecureCloudinary;

/// <summary>
/// A credential source could not supply valid credentials. The message names the source and what to fix;
/// it never contains a secret.
/// </summary>
public sealed class CloudinaryCredentialException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The source name, e.g. <c>Environment</c>.</param>
    /// <param name="reason">Why the source failed.</param>
    /// <param name="message">What went wrong and what to fix; must not contain a secret.</param>
    /// <param name="isTransient">Whether retrying later may succeed.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CloudinaryCredentialException(
        string source,
        CredentialFailureReason reason,
        string message,
        bool isTransient = false,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(source);
        SourceName = source;
        Source = source;
        Reason = reason;
        IsTransient = isTransient;
    }

    /// <summary>
    /// The name of the credential source that failed (also in <see cref="Exception.Source"/>).
    /// </summary>
    public string SourceName { get; }

    /// <summary>Why the source failed.</summary>
    public CredentialFailureReason Reason { get; }

    /// <summary>Whether retrying later may succeed (e.g. the store was unreachable).</summary>
    public bool IsTransient { get; }
}
