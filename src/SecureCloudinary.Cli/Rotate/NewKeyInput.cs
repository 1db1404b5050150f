namespace SecureCloudinary.Cli.Rotate;

/// <summary>
/// Reads the new key in guided mode from standard input: <c>cloudinary://key:secret@cloud</c> or <c>key:secret</c>
/// (the cloud name and settings then come from the current credentials). Never echoed; errors never quote it.
/// </summary>
internal static class NewKeyInput
{
    private const int MaxLength = 4096;

    /// <summary>Reads and parses the first non-empty line.</summary>
    /// <param name="input">Standard input.</param>
    /// <param name="current">The credentials being replaced.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The new credentials.</returns>
    /// <exception cref="FormatException">Nothing usable was given; the message says what is expected.</exception>
    public static async Task<CloudinaryCredentials> ReadAsync(TextReader input, CloudinaryCredentials current, CancellationToken cancellationToken)
    {
        string? line;
        do
        {
            line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        while (line is not null && line.Trim().Length == 0);

        var text = line?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > MaxLength)
        {
            throw new FormatException(
                "No new key on standard input. Create a key in the Cloudinary Console (Settings > API Keys) and pipe it in as "
                + "cloudinary://<api_key>:<api_secret>@<cloud_name> or <api_key>:<api_secret>.");
        }

        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith("CLOUDINARY_URL=", StringComparison.OrdinalIgnoreCase))
        {
            var parsed = CloudinaryCredentials.TryParse(text, out var url)
                ? url
                : throw new FormatException("The new key on standard input is not a valid cloudinary:// URL.");
            if (!string.Equals(parsed.CloudName, current.CloudName, StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"The new key on standard input is for cloud '{parsed.CloudName}', but the store serves cloud '{current.CloudName}'.");
            }

            return new CloudinaryCredentials(current.CloudName, parsed.ApiKey, parsed.ApiSecret, current.Settings);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || text.AsSpan(colon + 1).Contains(' '))
        {
            throw new FormatException("The new key on standard input must be <api_key>:<api_secret> or a cloudinary:// URL.");
        }

        return new CloudinaryCredentials(current.CloudName, text[..colon], text[(colon + 1)..], current.Settings);
    }
}
