namespace SecureCloudinary.Cli.Scan;

/// <summary>The verdict of <c>--verify</c>.</summary>
internal enum VerifyStatus
{
    /// <summary>Cloudinary accepted the key and secret: the leak is live.</summary>
    Live,

    /// <summary>Cloudinary rejected them (401/403): revoked, rotated or never valid.</summary>
    Rejected,

    /// <summary>No cloud name or API key was found next to the secret, so nothing was sent.</summary>
    NotChecked,

    /// <summary>The check itself failed (network, server error).</summary>
    Unknown,
}
