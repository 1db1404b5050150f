namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>Marks that <c>AddAwsSecretsManager</c> ran, and remembers the key path its messages use.</summary>
/// <param name="SectionPath">The options' configuration path, e.g. <c>Cloudinary:AwsSecretsManager</c>.</param>
/// <param name="CloudinarySectionPath">The Cloudinary section's path, e.g. <c>Cloudinary</c>.</param>
internal sealed record AwsSecretsManagerRegistration(string SectionPath, string CloudinarySectionPath)
{
    public string Prefix => SectionPath + ":";
}
