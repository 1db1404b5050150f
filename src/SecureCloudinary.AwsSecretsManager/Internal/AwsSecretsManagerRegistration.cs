namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>Marks that <c>AddAwsSecretsManager</c> ran for one account, and remembers the key path its messages use.</summary>
/// <param name="SectionPath">The options' configuration path, e.g. <c>Cloudinary:AwsSecretsManager</c> or <c>Cloudinary:Accounts:marketing:AwsSecretsManager</c>.</param>
/// <param name="CloudinarySectionPath">The account's section path, e.g. <c>Cloudinary</c> or <c>Cloudinary:Accounts:marketing</c>.</param>
/// <param name="Account">The account (the options name); empty for the unnamed registration.</param>
internal sealed record AwsSecretsManagerRegistration(string SectionPath, string CloudinarySectionPath, string Account = "")
{
    /// <summary>The prefix used when no registration is known: the unnamed account's.</summary>
    public const string DefaultPrefix = "Cloudinary:" + AwsSecretsManagerCredentialSourceOptions.SectionName + ":";

    public string Prefix => SectionPath + ":";

    /// <summary>The registration of <paramref name="account"/> (null or empty: the unnamed one), or null.</summary>
    public static AwsSecretsManagerRegistration? Find(IEnumerable<AwsSecretsManagerRegistration> registrations, string? account)
    {
        account ??= string.Empty;
        return registrations.LastOrDefault(r => string.Equals(r.Account, account, StringComparison.Ordinal));
    }
}
