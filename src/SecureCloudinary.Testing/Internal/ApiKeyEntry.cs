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

    /// <summary>The key's name in the Provisioning API (null for keys added without one).</summary>
    public string? Name { get; set; }

    /// <summary>The purpose the key is dedicated to (Provisioning API <c>dedicated_for</c>), or null.</summary>
    public string? DedicatedFor { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public override string ToString() => $"ApiKeyEntry {{ ApiKey = {ApiKey}, Enabled = {Enabled} }}";
}
