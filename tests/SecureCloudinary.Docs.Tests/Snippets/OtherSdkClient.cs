namespace SecureCloudinary.Docs.Tests.Snippets;

/// <summary>Stands in for another Cloudinary SDK's client in docs/using-another-cloudinary-sdk.md.</summary>
public sealed class OtherSdkClient : IDisposable
{
    public OtherSdkClient(string cloudName, string apiKey, string apiSecret)
    {
        CloudName = cloudName;
        ApiKey = apiKey;
        HasSecret = apiSecret.Length > 0;
    }

    public string CloudName { get; }

    public string ApiKey { get; }

    public bool HasSecret { get; }

    public bool IsDisposed { get; private set; }

    public void Dispose() => IsDisposed = true;
}
