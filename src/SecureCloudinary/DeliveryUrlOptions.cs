namespace SecureCloudinary;

/// <summary>
/// What <see cref="CloudinaryUrls.BuildDeliveryUrl"/> puts into a delivery URL. Immutable; use <c>with</c> to vary it.
/// </summary>
public sealed record DeliveryUrlOptions
{
    /// <summary>The defaults: an unsigned <c>image/upload</c> URL with no transformation, format or version.</summary>
    public static DeliveryUrlOptions Default { get; } = new();

    /// <summary>The asset type path segment: <c>image</c> (default), <c>video</c> or <c>raw</c>.</summary>
    public string ResourceType { get; init; } = "image";

    /// <summary>The delivery type path segment: <c>upload</c> (default), <c>authenticated</c>, <c>private</c>, <c>fetch</c>, ...</summary>
    public string DeliveryType { get; init; } = "upload";

    /// <summary>
    /// A raw transformation exactly as it appears in the URL, components separated by <c>/</c>
    /// (e.g. <c>c_fill,w_100/e_sepia</c>). It must be URL-ready ASCII: percent-encode text overlays yourself.
    /// Leading and trailing <c>/</c> are ignored; spaces become <c>%20</c>.
    /// </summary>
    public string? Transformation { get; init; }

    /// <summary>File extension appended to the public ID (e.g. <c>jpg</c>), letters and digits only; null or empty for none.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// The asset version (<c>v1234</c> in the URL). When null and the public ID contains a <c>/</c>, <c>v1</c> is
    /// inserted as the official SDKs do. The version is never part of the signature.
    /// </summary>
    public long? Version { get; init; }

    /// <summary>Whether to add the <c>s--signature--</c> segment (needed for <c>authenticated</c> and strict accounts).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Name fixed by the public contract; means 'signed URL'.")]
    public bool Signed { get; init; }

    /// <summary>
    /// Whether a signed URL uses the 32-character SHA-256 signature instead of the 8-character one. Also turned on by
    /// <see cref="CloudinaryUrlSettings.LongUrlSignature"/>.
    /// </summary>
    public bool LongSignature { get; init; }
}
