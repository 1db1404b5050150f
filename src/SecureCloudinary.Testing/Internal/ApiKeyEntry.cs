namespace SecureCloudinary.Testing.Internal;

/// <summary>An API key known to the emulator. <see cref="ToString"/> hides the secret.</summary>
internal sealed class ApiKeyEntry(string apiKey, string apiSecret)
{
    private volatile bool _enabled = true;

    public string ApiKey { get; } = apiKey;

    public string ApiSecret { get; } = apiSecret;

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    public override string ToString() => $"ApiKeyEntry {{ ApiKey = {ApiKey}, Enabled = {Enabled} }}";
}
