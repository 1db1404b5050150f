namespace SecureCloudinary;

/// <summary>
/// The non-secret settings a <c>cloudinary://</c> URL may carry in its path and query string
/// (for example <c>?upload_prefix=https://api-eu.cloudinary.com&amp;signature_algorithm=sha256</c>).
/// Every member is optional; <see langword="null"/> means "not given, use the default".
/// </summary>
public sealed record CloudinaryUrlSettings
{
    /// <summary>No settings given.</summary>
    public static CloudinaryUrlSettings Empty { get; } = new();

    /// <summary>API base address (<c>upload_prefix</c>), e.g. <c>https://api-eu.cloudinary.com</c>.</summary>
    public Uri? UploadPrefix { get; init; }

    /// <summary>Private CDN host for delivery URLs (<c>secure_distribution</c>, or the URL's path).</summary>
    public string? SecureDistribution { get; init; }

    /// <summary>Whether the account uses a private CDN (<c>private_cdn</c>).</summary>
    public bool? PrivateCdn { get; init; }

    /// <summary>Custom delivery host name (<c>cname</c>).</summary>
    public string? CName { get; init; }

    /// <summary>Digest used for signatures (<c>signature_algorithm</c>).</summary>
    public SignatureAlgorithm? SignatureAlgorithm { get; init; }

    /// <summary>Request-signature version (<c>signature_version</c>), 1 or 2.</summary>
    public int? SignatureVersion { get; init; }

    /// <summary>Whether signed delivery URLs use the 32-character SHA-256 form (<c>long_url_signature</c>).</summary>
    public bool? LongUrlSignature { get; init; }

    /// <summary>Whether delivery URLs use HTTPS (<c>secure</c>).</summary>
    public bool? Secure { get; init; }

    /// <summary>Whether delivery URLs use a CDN sub-domain (<c>cdn_subdomain</c>).</summary>
    public bool? CdnSubdomain { get; init; }

    /// <summary>Whether secure delivery URLs use a CDN sub-domain (<c>secure_cdn_subdomain</c>).</summary>
    public bool? SecureCdnSubdomain { get; init; }

    /// <summary>HTTP proxy for API calls (<c>api_proxy</c>).</summary>
    public Uri? ApiProxy { get; init; }
}
