namespace SecureCloudinary.Benchmarks;

/// <summary>A credential source that always returns the same credentials (for example an emulator's key).</summary>
public sealed class FixedCredentialSource(CloudinaryCredentials credentials) : ICloudinaryCredentialSource
{
    private readonly CredentialSnapshot _snapshot = new(credentials, "fixed");

    /// <inheritdoc />
    public string Name => "Fixed";

    /// <inheritdoc />
    public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default) => new(_snapshot);
}
