using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Cli;

/// <summary>
/// A last line of defence: every text the CLI prints passes through <see cref="Redact"/>, which replaces any
/// secret it was told about. The messages printed are already meant to be secret-free; this catches a bug in a
/// source or a message that echoes a value.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "[redacted]";

    // Shorter values would mask ordinary words; real secrets are far longer.
    private const int MinimumLength = 6;

    private static readonly string[] SecretKeyMarkers = ["secret", "password", "token", "passphrase", "credential"];

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

    /// <summary>Remembers the secret of resolved credentials.</summary>
    /// <param name="credentials">The credentials.</param>
    public void Add(CloudinaryCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Add(credentials.ApiSecret);
    }

    /// <summary>
    /// Remembers every configuration value that looks secret: keys whose last segment mentions a secret,
    /// password or token, and every <c>cloudinary://</c> URL (so <c>CLOUDINARY_URL</c> and <c>Cloudinary:Url</c>).
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

            var name = key[(key.LastIndexOf(':') + 1)..];
            if (value.Contains("://", StringComparison.Ordinal) && value.Contains('@', StringComparison.Ordinal)
                || Array.Exists(SecretKeyMarkers, m => name.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                Add(value);
            }
        }
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
}
