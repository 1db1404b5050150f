namespace SecureCloudinary;

/// <summary>
/// The JSON field names <see cref="CloudinarySecretParser"/> reads credentials from. Matching is
/// case-insensitive. The defaults follow Cloudinary's own naming.
/// </summary>
public sealed class CloudinarySecretFieldNames
{
    /// <summary>The default names: <c>cloud_name</c>, <c>api_key</c>, <c>api_secret</c> and <c>url</c>.</summary>
    public static CloudinarySecretFieldNames Default { get; } = new();

    /// <summary>The field holding the cloud name. Default <c>cloud_name</c>.</summary>
    public string CloudName { get; init; } = "cloud_name";

    /// <summary>The field holding the API key. Default <c>api_key</c>.</summary>
    public string ApiKey { get; init; } = "api_key";

    /// <summary>The field holding the API secret. Default <c>api_secret</c>.</summary>
    public string ApiSecret { get; init; } = "api_secret";

    /// <summary>
    /// The field holding a whole <c>cloudinary://</c> URL. Default <c>url</c>; a field named
    /// <c>CLOUDINARY_URL</c> is always accepted as well.
    /// </summary>
    public string Url { get; init; } = "url";
}
