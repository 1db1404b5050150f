namespace SecureCloudinary.Provisioning;

/// <summary>A product environment (sub-account) as the Provisioning API lists it.</summary>
/// <param name="Id">The product environment id (the <c>sub_account_id</c> of the access-key endpoints).</param>
/// <param name="Name">Its display name.</param>
/// <param name="CloudName">Its cloud name.</param>
/// <param name="Enabled">Whether it is enabled.</param>
public sealed record ProvisioningSubAccount(string Id, string? Name, string CloudName, bool Enabled);
