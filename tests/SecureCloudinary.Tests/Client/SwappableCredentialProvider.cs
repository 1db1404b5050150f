namespace SecureCloudinary.Tests.Client;

/// <summary>A provider whose credentials a test can replace between calls; counts how often it is asked.</summary>
public sealed class SwappableCredentialProvider(CloudinaryCredentials initial) : ICloudinaryCredentialProvider
{
    public CloudinaryCredentials Current { get; set; } = initial;

    public int Calls { get; private set; }

    public string SourceName => "Test";

    public ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        Calls++;
        return ValueTask.FromResult(new CredentialSnapshot(Current));
    }
}
