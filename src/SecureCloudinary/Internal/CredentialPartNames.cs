namespace SecureCloudinary.Internal;

/// <summary>
/// How the places credential parts come from are called in error messages, e.g. <c>CLOUDINARY_API_KEY</c> or
/// <c>Cloudinary:ApiKey</c>. These are names of settings, never values.
/// </summary>
/// <param name="Where">Where the source looked, completing "No Cloudinary credentials found …".</param>
/// <param name="Url">The setting holding a whole <c>cloudinary://</c> URL.</param>
/// <param name="CloudName">The setting holding the cloud name.</param>
/// <param name="ApiKey">The setting holding the API key.</param>
/// <param name="ApiSecret">The setting holding the API secret.</param>
internal sealed record CredentialPartNames(string Where, string Url, string CloudName, string ApiKey, string ApiSecret)
{
    public static CredentialPartNames Environment { get; } = new(
        "in the environment", "CLOUDINARY_URL", "CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY", "CLOUDINARY_API_SECRET");

    public static CredentialPartNames ForConfiguration(string sectionPath) => new(
        "in configuration section " + sectionPath,
        sectionPath + ":Url",
        sectionPath + ":CloudName",
        sectionPath + ":ApiKey",
        sectionPath + ":ApiSecret");

    public string Advice => $"Set {Url}, or {CloudName}, {ApiKey} and {ApiSecret}.";
}
