using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Stress.Tests.Soak;

/// <summary>
/// An in-memory configuration provider standing in for a secret store that the app reads through the
/// Configuration source: a rotation replaces all values in one reload; faults make reads throw, lose the keys or
/// return a malformed URL; some reads are slow, widening the window between the source's reads of the key and
/// of the secret.
/// </summary>
internal sealed class RotatingStoreProvider : ConfigurationProvider, IConfigurationSource
{
    private const string Prefix = "Cloudinary:";
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private volatile StoreFault _fault;
    private volatile bool _sessionFaulted;
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> _successfulReads = new();
    private long _reads;
    private long _faultedReads;

    /// <param name="seed">Seeds the choice of slow reads.</param>
    public RotatingStoreProvider(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>
    /// Whether the latest read of the credentials (the Configuration source reads <c>Url</c>, then the parts, in one
    /// go) met a fault in any of its keys.
    /// </summary>
    public bool LastReadFaulted => _sessionFaulted;

    /// <summary>When (<see cref="System.Diagnostics.Stopwatch"/> timestamps) reads of the credentials met no fault.</summary>
    public IReadOnlyList<long> SuccessfulReads => [.. _successfulReads];

    public long Reads => Interlocked.Read(ref _reads);

    public long FaultedReads => Interlocked.Read(ref _faultedReads);

    public StoreFault Fault
    {
        get => _fault;
        set => _fault = value;
    }

    /// <summary>Replaces the credentials as one reload.</summary>
    public void Publish(CloudinaryCredentials credentials)
    {
        Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [Prefix + "CloudName"] = credentials.CloudName,
            [Prefix + "ApiKey"] = credentials.ApiKey,
            [Prefix + "ApiSecret"] = credentials.ApiSecret,
        };
        OnReload();
    }

    public override bool TryGet(string key, out string? value)
    {
        if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return base.TryGet(key, out value);
        }

        var part = key[Prefix.Length..];
        if (string.Equals(part, "Url", StringComparison.OrdinalIgnoreCase))
        {
            _sessionFaulted = false; // the source starts a read of the credentials
        }

        if (string.Equals(part, "ApiKey", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _reads);
            bool slow;
            lock (_randomLock)
            {
                slow = _random.Next(5) == 0;
            }

            if (slow)
            {
                Thread.Sleep(2); // A slow store read between the key and the secret.
            }
        }

        var fault = _fault;
        if (fault is StoreFault.Throw or StoreFault.Missing || (fault == StoreFault.Malformed && string.Equals(part, "Url", StringComparison.OrdinalIgnoreCase)))
        {
            _sessionFaulted = true;
        }

        if (string.Equals(part, "ApiSecret", StringComparison.OrdinalIgnoreCase) && !_sessionFaulted)
        {
            _successfulReads.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp()); // the last key the source reads
        }

        switch (fault)
        {
            case StoreFault.Throw:
                Interlocked.Increment(ref _faultedReads);
                throw new IOException("The simulated secret store is unavailable.");
            case StoreFault.Missing:
                Interlocked.Increment(ref _faultedReads);
                value = null;
                return false;
            case StoreFault.Malformed when string.Equals(part, "Url", StringComparison.OrdinalIgnoreCase):
                Interlocked.Increment(ref _faultedReads);
                value = "cloudinary://" + SoakRun.Sentinel + "-malformed@";
                return true;
            default:
                return base.TryGet(key, out value);
        }
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
