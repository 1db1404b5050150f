using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// Server-side check of Cloudinary request signatures. Written independently of the client's
/// <c>CloudinarySigner</c> on purpose, so a bug in one cannot hide in both.
/// </summary>
internal static class SignatureVerifier
{
    /// <summary>
    /// Builds the string to sign: every field except <c>file</c>, <c>cloud_name</c>, <c>resource_type</c>,
    /// <c>api_key</c> and <c>signature</c>, empty values dropped, keys sorted ordinally, joined as
    /// <c>k=v&amp;…</c>; version 2 escapes '&amp;' inside each pair as <c>%26</c>.
    /// </summary>
    public static string BuildStringToSign(IReadOnlyDictionary<string, string> fields, bool escapeAmpersand)
    {
        var builder = new StringBuilder();
        foreach (var key in fields.Keys.Where(k => !IsExcluded(k)).Order(StringComparer.Ordinal))
        {
            var value = fields[key];
            if (value.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            var start = builder.Length;
            builder.Append(key).Append('=').Append(value);
            if (escapeAmpersand)
            {
                builder.Replace("&", "%26", start, builder.Length - start);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Checks <paramref name="signature"/> (40 hex chars: SHA-1, 64: SHA-256) against the version 2 string
    /// and, when different, the version 1 string. <paramref name="stringToSign"/> receives the version 2
    /// string, for the error message.
    /// </summary>
    public static bool Verify(IReadOnlyDictionary<string, string> fields, string apiSecret, string signature, out string stringToSign)
    {
        stringToSign = BuildStringToSign(fields, escapeAmpersand: true);
        if (signature.Length is not (40 or 64))
        {
            return false;
        }

        Span<byte> provided = stackalloc byte[32];
        if (Convert.FromHexString(signature, provided[..(signature.Length / 2)], out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        provided = provided[..written];
        if (Matches(stringToSign, apiSecret, provided))
        {
            return true;
        }

        var version1 = BuildStringToSign(fields, escapeAmpersand: false);
        return !string.Equals(version1, stringToSign, StringComparison.Ordinal) && Matches(version1, apiSecret, provided);
    }

    private static bool IsExcluded(string key) =>
        key is "file" or "cloud_name" or "resource_type" or "api_key" or "signature";

    private static bool Matches(string stringToSign, string apiSecret, ReadOnlySpan<byte> provided)
    {
        var input = Encoding.UTF8.GetBytes(stringToSign + apiSecret);
        Span<byte> digest = stackalloc byte[32];
#pragma warning disable CA5350 // Cloudinary's protocol defines SHA-1 request signatures; the emulator must accept them.
        var length = provided.Length == 20 ? SHA1.HashData(input, digest) : SHA256.HashData(input, digest);
#pragma warning restore CA5350
        return CryptographicOperations.FixedTimeEquals(digest[..length], provided);
    }
}
