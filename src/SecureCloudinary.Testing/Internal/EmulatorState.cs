namespace SecureCloudinary.Testing.Internal;

/// <summary>Everything one emulator instance shares between its public API and its request handlers.</summary>
internal sealed class EmulatorState : IDisposable
{
    public EmulatorState(string cloudName, TimeProvider timeProvider, TimeSpan signatureValidity, long minimumChunkSize, long maxBodySize)
    {
        CloudName = cloudName;
        TimeProvider = timeProvider;
        MaxBodySize = maxBodySize;
        Authenticator = new RequestAuthenticator(Keys, timeProvider, signatureValidity);
        Chunks = new ChunkSessions(minimumChunkSize);
    }

    public string CloudName { get; }

    public TimeProvider TimeProvider { get; }

    public long MaxBodySize { get; }

    /// <summary>Bytes of an upload kept for delivery; 0 when the emulator does not serve delivered assets.</summary>
    public long KeepContentUpTo { get; init; }

    public bool ServeDelivery { get; init; }

    public bool RequireSignedDeliveryUrls { get; init; }

    public ApiKeyStore Keys { get; } = new();

    public AssetStore Assets { get; } = new();

    public RequestLog Requests { get; } = new();

    public FaultInjector Faults { get; } = new();

    public RequestAuthenticator Authenticator { get; }

    /// <summary>Per-day usage answered by <c>usage/{dd-mm-yyyy}</c> (requests, bandwidth, transformations, storage).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<DateOnly, long[]> DailyUsage { get; } = new();

    /// <summary>The Provisioning API's account, product environment id, key and faults.</summary>
    public ProvisioningState Provisioning { get; } = new();

    public ChunkSessions Chunks { get; }

    public void Dispose() => Chunks.Dispose();
}
