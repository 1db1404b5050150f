namespace SecureCloudinary.Cli.Scan;

/// <summary>Masks secrets for display: at most the first and last two characters of a long secret survive.</summary>
internal static class SecretMasker
{
    /// <summary>Secrets shorter than this are masked completely.</summary>
    public const int PartialMaskMinimumLength = 16;

    private const string Stars = "****";

    /// <summary>Masks a secret; the mask has a fixed length, so it does not reveal the secret's length either.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns><c>ab****yz</c> for long secrets, <c>********</c> otherwise.</returns>
    public static string MaskSecret(ReadOnlySpan<char> secret) =>
        secret.Length >= PartialMaskMinimumLength
            ? string.Concat(secret[..2], Stars, secret[^2..])
            : Stars + Stars;

    /// <summary>Masks an API key like <c>doctor</c> shows it: only its last four characters.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <returns><c>***2345</c>.</returns>
    public static string MaskApiKey(ReadOnlySpan<char> apiKey) =>
        apiKey.Length > 4 ? string.Concat("***", apiKey[^4..]) : "***";
}
