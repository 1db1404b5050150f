using System.Net;

namespace SecureCloudinary.Testing;

/// <content>
/// The Provisioning (Account) API: <c>/v1_1/provisioning/accounts/{account_id}/sub_accounts</c> (one product
/// environment, the emulator's cloud) and its <c>access_keys</c> (list, generate, update, delete by key or name).
/// Keys generated there are the emulator's API keys.
/// </content>
public sealed partial class CloudinaryEmulator
{
    /// <summary>The emulated account id (the part after <c>@</c> in <see cref="ProvisioningAccountUrl"/>).</summary>
    public string ProvisioningAccountId => _state.Provisioning.AccountId;

    /// <summary>The product environment (sub-account) id of <see cref="CloudName"/>.</summary>
    public string ProvisioningSubAccountId => _state.Provisioning.SubAccountId;

    /// <summary>The provisioning key that authenticates to the Provisioning API (HTTP Basic user name).</summary>
    public string ProvisioningKey => _state.Provisioning.Key;

    /// <summary>
    /// <c>account://&lt;provisioning_key&gt;:&lt;provisioning_secret&gt;@&lt;account_id&gt;</c>, the official
    /// <c>CLOUDINARY_ACCOUNT_URL</c> convention. It contains the provisioning secret: treat it as one.
    /// </summary>
    public string ProvisioningAccountUrl =>
        $"account://{_state.Provisioning.Key}:{Uri.EscapeDataString(_state.Provisioning.Secret)}@{_state.Provisioning.AccountId}";

    /// <summary>The emulator's API keys as the Provisioning API lists them, without their secrets, oldest first.</summary>
    public IReadOnlyList<EmulatedAccessKey> AccessKeys =>
        [.. _state.Keys.All().OrderBy(k => k.CreatedAt).Select(k => new EmulatedAccessKey(k.ApiKey, k.Name, k.Enabled, k.DedicatedFor))];

    /// <summary>
    /// Makes the next <paramref name="count"/> Provisioning API requests fail with <paramref name="statusCode"/>,
    /// e.g. 420 or 429 (answered with Cloudinary's "Rate Limit Exceeded" error). Other endpoints are not affected.
    /// </summary>
    /// <param name="count">How many requests fail; 0 cancels pending faults.</param>
    /// <param name="statusCode">The status code.</param>
    public void FailNextProvisioningRequests(int count, HttpStatusCode statusCode) => _state.Provisioning.Faults.FailNext(count, statusCode);

    /// <summary>
    /// The most keys one access-key listing answer holds (0, the default, for no limit): a larger <c>page_size</c>, or
    /// none, gets this many, the first page when no <c>page</c> is asked. Lets a test page through a few keys.
    /// </summary>
    public int ProvisioningPageSizeLimit
    {
        get => _state.Provisioning.PageSizeLimit;
        set => _state.Provisioning.PageSizeLimit = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Must not be negative.");
    }

    /// <summary>
    /// When set, the access-key listing reports this <c>total</c> instead of the real count, and a page past the end
    /// repeats the last page, as a hostile or broken server that always says there is more. Null (default) for the truth.
    /// </summary>
    public int? ProvisioningReportedTotal
    {
        get => _state.Provisioning.ReportedTotal;
        set => _state.Provisioning.ReportedTotal = value;
    }

    /// <summary>Whether the key exists and is enabled.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <returns>True when requests signed with it are accepted.</returns>
    public bool IsApiKeyEnabled(string apiKey) => _state.Keys.Find(apiKey) is { Enabled: true };
}
