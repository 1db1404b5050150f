namespace SecureCloudinary;

/// <summary>Why a credential source could not supply credentials.</summary>
public enum CredentialFailureReason
{
    /// <summary>The source could not be reached or answered with a server error.</summary>
    Unavailable = 0,

    /// <summary>The source refused the caller's identity or permissions.</summary>
    AccessDenied = 1,

    /// <summary>The secret, variable or setting does not exist.</summary>
    NotFound = 2,

    /// <summary>A value was found but is not usable Cloudinary credentials.</summary>
    InvalidSecret = 3,
}
