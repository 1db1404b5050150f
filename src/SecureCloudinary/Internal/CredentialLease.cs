namespace SecureCloudinary.Internal;

/// <summary>
/// The credentials one client operation uses. Replaced when a 401 led to rotated credentials, so the retried
/// request, and the remaining chunks of a chunked upload, use the new ones.
/// </summary>
internal sealed class CredentialLease
{
    public CredentialLease(CredentialSnapshot snapshot)
    {
        Snapshot = snapshot;
    }

    public CredentialSnapshot Snapshot { get; set; }

    public CloudinaryCredentials Credentials => Snapshot.Credentials;
}
