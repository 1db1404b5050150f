using System.Diagnostics;

namespace SecureCloudinary;

/// <summary>
/// What a credential source returned at one moment: the credentials, the store's version id for them (when
/// the store has one) and when they expire (when the store says so).
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class CredentialSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="credentials">The credentials.</param>
    /// <param name="version">The store's version id (AWS VersionId, Vault version, Conjur version), or null.</param>
    /// <param name="expiresAt">When the store says the credentials stop being valid (e.g. a Vault lease), or null.</param>
    public CredentialSnapshot(CloudinaryCredentials credentials, string? version = null, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Credentials = credentials;
        Version = string.IsNullOrEmpty(version) ? null : version;
        ExpiresAt = expiresAt;
    }

    /// <summary>The credentials.</summary>
    public CloudinaryCredentials Credentials { get; }

    /// <summary>The store's version id, or null when the store has no versions.</summary>
    public string? Version { get; }

    /// <summary>When the credentials expire, or null when the store gave no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Returns the credentials' safe description and the version; never the secret.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() => $"CredentialSnapshot {{ {Credentials}, Version = {Version ?? "(none)"} }}";
}
