namespace SecureCloudinary.Conjur.Internal;

/// <summary>The settings the protocol client uses, taken from validated options.</summary>
internal sealed record ConjurSettings(
    string Prefix,
    int MaxRetries,
    TimeSpan RetryDelay,
    int MaxBatchUrlLength,
    int MaxResponseBodyBytes)
{
    public static ConjurSettings From(ConjurCredentialSourceOptions options, string prefix) => new(
        prefix, options.MaxRetries, options.RetryDelay, options.MaxBatchUrlLength, options.MaxResponseBodyBytes);
}
