namespace SecureCloudinary.Vault;

/// <summary>
/// The names of the fields in the Vault secret that hold the credentials (<c>Cloudinary:Vault:Fields</c>).
/// A field holding a whole <c>cloudinary://</c> URL (default <c>url</c>) works as well.
/// </summary>
public sealed class VaultFieldOptions
{
    /// <summary>The field holding the cloud name (<c>Fields:CloudName</c>, default <c>cloud_name</c>).</summary>
    public string CloudName { get; set; } = "cloud_name";

    /// <summary>The field holding the API key (<c>Fields:ApiKey</c>, default <c>api_key</c>).</summary>
    public string ApiKey { get; set; } = "api_key";

    /// <summary>The field holding the API secret (<c>Fields:ApiSecret</c>, default <c>api_secret</c>).</summary>
    public string ApiSecret { get; set; } = "api_secret";

    /// <summary>The field holding a <c>cloudinary://</c> URL (<c>Fields:Url</c>, default <c>url</c>).</summary>
    public string Url { get; set; } = "url";

    internal CloudinarySecretFieldNames ToFieldNames() =>
        new() { CloudName = CloudName, ApiKey = ApiKey, ApiSecret = ApiSecret, Url = Url };
}
