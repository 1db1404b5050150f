namespace SecureCloudinary;

/// <summary>The digest Cloudinary signatures are computed with.</summary>
public enum SignatureAlgorithm
{
    /// <summary>SHA-1, Cloudinary's default.</summary>
    Sha1 = 0,

    /// <summary>SHA-256; accounts can be restricted to accept only this digest.</summary>
    Sha256 = 1,
}
