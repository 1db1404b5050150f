namespace SecureCloudinary.Vault.Internal;

/// <summary>The configuration key prefix used in messages, e.g. <c>Cloudinary:Vault:</c>.</summary>
internal sealed class VaultSettingPrefix
{
    public VaultSettingPrefix(string value)
    {
        Value = value;
    }

    public string Value { get; }
}
