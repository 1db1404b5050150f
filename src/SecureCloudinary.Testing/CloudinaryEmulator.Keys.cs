namespace SecureCloudinary.Testing;

/// <content>API key management while the emulator runs (for key-rotation tests).</content>
public sealed partial class CloudinaryEmulator
{
    /// <summary>Adds a key with a random 15-digit API key and a random 27-character secret (from a CSPRNG).</summary>
    /// <returns>Credentials for the new key, with the same upload prefix as <see cref="Credentials"/>.</returns>
    public CloudinaryCredentials AddApiKey() => AddApiKey(Internal.ApiKeyStore.GenerateApiKey(), Internal.ApiKeyStore.GenerateSecret());

    /// <summary>Adds a key with the given key and secret.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <param name="apiSecret">The API secret.</param>
    /// <returns>Credentials for the new key, with the same upload prefix as <see cref="Credentials"/>.</returns>
    /// <exception cref="ArgumentException">A value is blank.</exception>
    /// <exception cref="InvalidOperationException">The API key already exists.</exception>
    public CloudinaryCredentials AddApiKey(string apiKey, string apiSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiSecret);
        _state.Keys.Add(apiKey, apiSecret);
        return new CloudinaryCredentials(CloudName, apiKey, apiSecret, Credentials.Settings);
    }

    /// <summary>Disables a key: requests with it get 401 until <see cref="EnableApiKey"/>.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <exception cref="ArgumentException">The emulator has no such key.</exception>
    public void DisableApiKey(string apiKey) => _state.Keys.SetEnabled(apiKey, enabled: false);

    /// <summary>Re-enables a disabled key.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <exception cref="ArgumentException">The emulator has no such key.</exception>
    public void EnableApiKey(string apiKey) => _state.Keys.SetEnabled(apiKey, enabled: true);

    /// <summary>Removes a key: requests with it then get 401 "Unknown API key".</summary>
    /// <param name="apiKey">The API key.</param>
    /// <returns>Whether the key existed.</returns>
    public bool RemoveApiKey(string apiKey) => _state.Keys.Remove(apiKey);
}
