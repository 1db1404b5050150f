namespace SecureCloudinary.Cli.Scan;

/// <summary>Hands the client one fixed set of credentials (a found key, for <c>--verify</c>).</summary>
/// <param name="credentials">The credentials.</param>
internal sealed class FixedCredentialProvider(CloudinaryCredentials credentials) : ICloudinaryCredentialProvider
{
    private readonly CredentialSnapshot _snapshot = new(credentials);

    /// <inheritdoc/>
    public string SourceName => "scan";

    /// <inheritdoc/>
    public ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_snapshot);
}
