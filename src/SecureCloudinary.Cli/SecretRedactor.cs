using System.Text;
using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Cli;

/// <summary>
/// A last line of defence: every text the CLI prints passes through <see cref="Redact"/>, which replaces any
/// secret it was told about. The messages printed are already meant to be secret-free; this catches a bug in a
/// source or a message that echoes a value. Values are masked before any encoding (JSON escaping) is applied.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "[redacted]";

    // Shorter values would mask ordinary words; real secrets are far longer.
    private const int MinimumLength = 6;

    /// <summary>
    /// The settings that hold a secret, matched against the end of a configuration key (whole segments,
    /// case-insensitive). Settings that merely name a secret (<c>Cloudinary:AwsSecretsManager:SecretId</c>, a Vault
    /// path, a Conjur variable id) are not here: they are what the user must fix and are shown.
    /// </summary>
    private static readonly string[] SecretSettings =
    [
        // Cloudinary credentials: Cloudinary:ApiSecret, Cloudinary:Url and the Environment source's variables.
        "ApiSecret", "Cloudinary:Url", "CLOUDINARY_URL", "CLOUDINARY_API_SECRET",

        // Vault: token, AppRole secret id, userpass password, and the Vault CLI's variable.
        "Vault:Auth:Token", "Vault:Auth:SecretId", "Vault:Auth:Password", "VAULT_TOKEN",

        // Conjur: the API key, and the Conjur CLI's variables.
        "Conjur:ApiKey", "CONJUR_AUTHN_API_KEY", "CONJUR_AUTHN_TOKEN",

        // AWS: the secret access key and session token variables.
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    ];

    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    /// <summary>Remembers a secret (and its percent-encoded form).</summary>
    /// <param name="secret">The secret; ignored when null or too short to mask safely.</param>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength)
        {
            return;
        }

        _secrets.Add(secret);
        _secrets.Add(Uri.EscapeDataString(secret));
        if (CloudinaryCredentials.TryParse(secret, out var credentials))
        {
            Add(credentials);
        }
    }

    /// <summary>
    /// Remembers the secret of resolved credentials, and the base64 <c>key:secret</c> of the HTTP Basic header the
    /// Admin API is called with (an endpoint or proxy that echoes the request would show it).
    /// </summary>
    /// <param name="credentials">The credentials.</param>
    public void Add(CloudinaryCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Add(credentials.ApiSecret);
        Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ApiKey + ":" + credentials.ApiSecret)));
    }

    /// <summary>
    /// Remembers the configuration values that hold secrets: the settings known to (API secret, Cloudinary URL,
    /// store tokens, passwords and keys), and any URL with a user name or password in it. A setting is not masked
    /// because its name contains a word such as "secret": <c>SecretId=prod/cloudinary</c> names a secret and is shown.
    /// </summary>
    /// <param name="configuration">The configuration (including environment variables).</param>
    public void AddFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (IsSecretSetting(key)
                || value.StartsWith("cloudinary://", StringComparison.OrdinalIgnoreCase)
                || value.Contains("://", StringComparison.Ordinal) && value.Contains('@', StringComparison.Ordinal))
            {
                Add(value);
            }
        }
    }

    /// <summary>Whether a configuration key is one of the settings known to hold a secret.</summary>
    /// <param name="key">A configuration key, e.g. <c>Cloudinary:Vault:Auth:Token</c>.</param>
    /// <returns>True for a secret-holding setting.</returns>
    public static bool IsSecretSetting(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Contains(":Fields:", StringComparison.OrdinalIgnoreCase) || key.Contains(":Variables:", StringComparison.OrdinalIgnoreCase))
        {
            return false; // field names and variable ids name where a secret is, they are not secrets
        }

        // A named account's section holds the same settings: Cloudinary:Accounts:shop:Url is Cloudinary:Url for 'shop'.
        const string Accounts = "Cloudinary:Accounts:";
        if (key.StartsWith(Accounts, StringComparison.OrdinalIgnoreCase)
            && key.IndexOf(':', Accounts.Length) is var end and > 0)
        {
            key = "Cloudinary" + key[end..];
        }

        foreach (var setting in SecretSettings)
        {
            if (key.EndsWith(setting, StringComparison.OrdinalIgnoreCase)
                && (key.Length == setting.Length || key[key.Length - setting.Length - 1] == ':'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces every remembered secret in <paramref name="text"/>.</summary>
    /// <param name="text">The text to print.</param>
    /// <returns>The text with secrets masked.</returns>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets.OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Like <see cref="Redact"/>, for an optional value.</summary>
    /// <param name="text">The text, or null.</param>
    /// <returns>The masked text, or null.</returns>
    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);
}
