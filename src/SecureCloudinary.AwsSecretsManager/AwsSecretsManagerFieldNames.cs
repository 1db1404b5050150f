namespace SecureCloudinary.AwsSecretsManager;

/// <summary>
/// The JSON field names read from the secret (<c>Cloudinary:AwsSecretsManager:Fields</c>). Matching is
/// case-insensitive; a <c>url</c> or <c>CLOUDINARY_URL</c> field holding a <c>cloudinary://</c> URL is always accepted.
/// </summary>
public sealed class AwsSecretsManagerFieldNames
{
    /// <summary>The field holding the cloud name (<c>Fields:CloudName</c>). Default <c>cloud_name</c>.</summary>
    public string CloudName { get; set; } = "cloud_name";

    /// <summary>The field holding the API key (<c>Fields:ApiKey</c>). Default <c>api_key</c>.</summary>
    public string ApiKey { get; set; } = "api_key";

    /// <summary>The field holding the API secret (<c>Fields:ApiSecret</c>). Default <c>api_secret</c>.</summary>
    public string ApiSecret { get; set; } = "api_secret";

    /// <summary>The field holding a whole <c>cloudinary://</c> URL (<c>Fields:Url</c>). Default <c>url</c>.</summary>
    public string Url { get; set; } = "url";

    internal CloudinarySecretFieldNames ToParserNames() =>
        new() { CloudName = CloudName, ApiKey = ApiKey, ApiSecret = ApiSecret, Url = Url };
}
