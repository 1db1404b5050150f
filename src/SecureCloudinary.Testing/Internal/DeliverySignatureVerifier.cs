using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// Server-side check of delivery-URL signatures (<c>s--XXXXXXXX--</c>), written independently of the client's
/// <c>CloudinaryUrls</c>: the signature is the URL-safe base64 of SHA-1 (or SHA-256) over the URL part after the
/// signature segment, without the version segment, followed by the API secret; 8 characters, or 32 with SHA-256.
/// </summary>
internal static class DeliverySignatureVerifier
{
    /// <summary>Whether a path segment is a signature segment; <paramref name="signature"/> is its inner value.</summary>
    public static bool TryParseSegment(string segment, out string signature)
    {
        signature = string.Empty;
        if (segment.Length is not (8 + 5 or 32 + 5) || !segment.StartsWith("s--", StringComparison.Ordinal)
            || !segment.EndsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        signature = segment[3..^2];
        return signature.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    /// <summary>The signed text: the encoded segments after the signature, joined by '/', minus the version segment.</summary>
    public static string StringToSign(IReadOnlyList<string> segmentsAfterSignature)
    {
        var version = VersionIndex(segmentsAfterSignature);
        return string.Join('/', segmentsAfterSignature.Where((_, i) => i != version));
    }

    /// <summary>The index of the version segment (<c>v</c> and digits, never the last segment), or -1.</summary>
    public static int VersionIndex(IReadOnlyList<string> segments)
    {
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var s = segments[i];
            if (s.Length > 1 && s[0] == 'v' && s.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="signature"/> matches <paramref name="stringToSign"/> under one of the secrets.</summary>
    public static bool Verify(string stringToSign, string signature, IEnumerable<string> apiSecrets)
    {
        var expected = Encoding.ASCII.GetBytes(signature);
        foreach (var secret in apiSecrets)
        {
            var input = Encoding.UTF8.GetBytes(stringToSign + secret);
            if (signature.Length == 32)
            {
                if (Matches(SHA256.HashData(input), expected))
                {
                    return true;
                }

                continue;
            }

#pragma warning disable CA5350 // Cloudinary's short URL signatures are SHA-1 by default; the emulator must accept them.
            if (Matches(SHA1.HashData(input), expected) || Matches(SHA256.HashData(input), expected))
#pragma warning restore CA5350
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(byte[] digest, byte[] expected)
    {
        var encoded = Convert.ToBase64String(digest).Replace('+', '-').Replace('/', '_');
        var actual = Encoding.ASCII.GetBytes(encoded[..expected.Length]);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
