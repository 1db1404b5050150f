namespace SecureCloudinary.Vault.Internal;

/// <summary>The configuration key prefix of one account's Vault settings, used in messages, e.g. <c>Cloudinary:Vault:</c>.</summary>
internal sealed class VaultSettingPrefix
{
    public VaultSettingPrefix(string value, string account = "")
    {
        Value = value;
        Account = account;
    }

    public string Value { get; }

    /// <summary>The account; empty for the unnamed registration.</summary>
    public string Account { get; }

    /// <summary>The prefix of <paramref name="account"/> (null or empty: the unnamed one), or <c>Cloudinary:Vault:</c>.</summary>
    public static string Of(IEnumerable<VaultSettingPrefix> prefixes, string? account)
    {
        account ??= string.Empty;
        return prefixes.LastOrDefault(p => string.Equals(p.Account, account, StringComparison.Ordinal))?.Value
            ?? $"Cloudinary:{VaultCredentialSourceOptions.SectionName}:";
    }
}
