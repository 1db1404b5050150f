namespace SecureCloudinary.Cli.Scan;

/// <summary>A found secret with the cloud name and API key found with it (if any). Never prints the secret.</summary>
/// <param name="CloudName">The cloud name, if found.</param>
/// <param name="ApiKey">The API key, if found.</param>
/// <param name="Secret">The secret.</param>
internal sealed record CandidateCredentials(string? CloudName, string? ApiKey, string Secret)
{
    /// <summary>True when all three parts are known, so the key can be checked.</summary>
    public bool IsComplete => !string.IsNullOrEmpty(CloudName) && !string.IsNullOrEmpty(ApiKey);

    /// <inheritdoc/>
    public override string ToString() => $"CandidateCredentials {{ CloudName = {CloudName}, ApiKey = {(ApiKey is null ? "(none)" : SecretMasker.MaskApiKey(ApiKey))} }}";
}
