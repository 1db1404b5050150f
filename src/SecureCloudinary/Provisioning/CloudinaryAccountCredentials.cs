using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace SecureCloudinary.Provisioning;

/// <summary>
/// The credentials of Cloudinary's Provisioning (Account) API: the account id with the provisioning key and
/// secret, written by the official convention as
/// <c>CLOUDINARY_ACCOUNT_URL=account://&lt;provisioning_key&gt;:&lt;provisioning_secret&gt;@&lt;account_id&gt;</c>.
/// <see cref="ToString"/> never shows the secret.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class CloudinaryAccountCredentials
{
    /// <summary>The environment variable the official SDKs read: <c>CLOUDINARY_ACCOUNT_URL</c>.</summary>
    public const string EnvironmentVariable = "CLOUDINARY_ACCOUNT_URL";

    /// <summary>The configuration key relative to the <c>Cloudinary</c> section: <c>Provisioning:AccountUrl</c>.</summary>
    public const string ConfigurationKey = "Provisioning:AccountUrl";

    /// <summary>Creates the credentials.</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="provisioningKey">The provisioning key.</param>
    /// <param name="provisioningSecret">The provisioning secret.</param>
    /// <exception cref="ArgumentException">A part is blank.</exception>
    public CloudinaryAccountCredentials(string accountId, string provisioningKey, string provisioningSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(provisioningKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(provisioningSecret);
        AccountId = accountId;
        ProvisioningKey = provisioningKey;
        ProvisioningSecret = provisioningSecret;
    }

    /// <summary>The account id.</summary>
    public string AccountId { get; }

    /// <summary>The provisioning key (the HTTP Basic user name).</summary>
    public string ProvisioningKey { get; }

    /// <summary>The provisioning secret. Never log or display it.</summary>
    public string ProvisioningSecret { get; }

    /// <summary>Parses an <c>account://key:secret@account_id</c> URL.</summary>
    /// <param name="accountUrl">The URL; a leading <c>CLOUDINARY_ACCOUNT_URL=</c> and white space are tolerated; key and secret are percent-decoded.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountUrl"/> is null.</exception>
    /// <exception cref="FormatException">The URL is malformed; the message never contains the input.</exception>
    public static CloudinaryAccountCredentials Parse(string accountUrl)
    {
        ArgumentNullException.ThrowIfNull(accountUrl);
        return TryParse(accountUrl, out var credentials, out var error) ? credentials : throw new FormatException(error);
    }

    /// <summary>Tries to parse an <c>account://</c> URL; see <see cref="Parse"/>.</summary>
    /// <param name="accountUrl">The URL, or null.</param>
    /// <param name="credentials">The credentials when the URL was valid.</param>
    /// <returns>Whether the URL was valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? accountUrl, [NotNullWhen(true)] out CloudinaryAccountCredentials? credentials) =>
        TryParse(accountUrl, out credentials, out _);

    /// <summary>Returns the account id and provisioning key; never the secret.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() => $"CloudinaryAccountCredentials {{ AccountId = {AccountId}, ProvisioningKey = {ProvisioningKey} }}";

    private static bool TryParse(
        string? accountUrl, [NotNullWhen(true)] out CloudinaryAccountCredentials? credentials, out string error)
    {
        credentials = null;
        const string Expected = "Expected account://<provisioning_key>:<provisioning_secret>@<account_id>.";
        var text = accountUrl?.Trim() ?? string.Empty;
        if (text.StartsWith(EnvironmentVariable + "=", StringComparison.OrdinalIgnoreCase))
        {
            text = text[(EnvironmentVariable.Length + 1)..].Trim();
        }

        text = text.Trim('"', '\'');
        if (!text.StartsWith("account://", StringComparison.OrdinalIgnoreCase))
        {
            error = "The account URL must start with account://. " + Expected;
            return false;
        }

        var rest = text["account://".Length..];
        var at = rest.LastIndexOf('@');
        var colon = at < 0 ? -1 : rest.IndexOf(':', StringComparison.Ordinal);
        if (at < 0 || colon < 0 || colon > at)
        {
            error = "The account URL lacks the provisioning key, secret or account id. " + Expected;
            return false;
        }

        var key = Uri.UnescapeDataString(rest[..colon]);
        var secret = Uri.UnescapeDataString(rest[(colon + 1)..at]);
        var account = rest[(at + 1)..].TrimEnd('/');
        if (key.Length == 0 || secret.Length == 0 || account.Length == 0
            || account.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            error = "The account URL has an empty or invalid part. " + Expected;
            return false;
        }

        credentials = new CloudinaryAccountCredentials(account, key, secret);
        error = string.Empty;
        return true;
    }
}
