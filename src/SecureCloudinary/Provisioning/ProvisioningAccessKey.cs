using System.Diagnostics;

namespace SecureCloudinary.Provisioning;

/// <summary>
/// An access key (API key and secret) of a product environment as the Provisioning API returns it.
/// <see cref="ToString"/> shows the name, the last 4 characters and the fingerprint of the key, never the secret.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ProvisioningAccessKey
{
    /// <summary>Creates an access key.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <param name="apiSecret">The API secret, or null when the answer had none.</param>
    /// <param name="name">The key's name, or null.</param>
    /// <param name="enabled">Whether the key is enabled.</param>
    public ProvisioningAccessKey(string apiKey, string? apiSecret, string? name, bool enabled)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ApiKey = apiKey;
        ApiSecret = string.IsNullOrEmpty(apiSecret) ? null : apiSecret;
        Name = name;
        Enabled = enabled;
        Fingerprint = new CloudinaryCredentials("x", apiKey, "x").Fingerprint;
    }

    /// <summary>The API key.</summary>
    public string ApiKey { get; }

    /// <summary>The API secret, or null. Never log or display it.</summary>
    public string? ApiSecret { get; }

    /// <summary>The key's name, or null.</summary>
    public string? Name { get; }

    /// <summary>Whether requests signed with the key are accepted.</summary>
    public bool Enabled { get; }

    /// <summary>Whether this is the product environment's root key.</summary>
    public bool Root { get; init; }

    /// <summary>When the key was created, or null.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the key was last updated, or null.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The purposes the key is dedicated to (e.g. <c>webhooks</c>); empty when none.</summary>
    public IReadOnlyList<string> DedicatedFor { get; init; } = [];

    /// <summary>The key's fingerprint, as <see cref="CloudinaryCredentials.Fingerprint"/>.</summary>
    public string Fingerprint { get; }

    /// <summary>The last 4 characters of the API key.</summary>
    public string ApiKeyHint => ApiKey.Length <= 4 ? ApiKey : ApiKey[^4..];

    /// <summary>Makes credentials for the product environment from this key.</summary>
    /// <param name="cloudName">The product environment's cloud name.</param>
    /// <param name="settings">Settings to carry over (e.g. from the credentials being replaced), or null.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="InvalidOperationException">The answer carried no secret.</exception>
    public CloudinaryCredentials ToCredentials(string cloudName, CloudinaryUrlSettings? settings = null) =>
        new(cloudName, ApiKey, ApiSecret ?? throw new InvalidOperationException("The access key has no secret."), settings);

    /// <summary>Returns the name, key hint and fingerprint; never the secret.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() =>
        $"ProvisioningAccessKey {{ Name = {Name}, ApiKeyHint = {ApiKeyHint}, Fingerprint = {Fingerprint}, Enabled = {Enabled} }}";
}
