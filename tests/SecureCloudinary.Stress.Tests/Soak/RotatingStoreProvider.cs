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
    private volatile StoreFault _fault;
    private long _reads;
    private long _faultedReads;

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
        if (string.Equals(part, "ApiKey", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _reads);
            if (Random.Shared.Next(5) == 0)
            {
                Thread.Sleep(2); // A slow store read between the key and the secret.
            }
        }

        switch (_fault)
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
