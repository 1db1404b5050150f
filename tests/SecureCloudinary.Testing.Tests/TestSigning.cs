using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Testing.Tests;

/// <summary>The tests' own tiny Cloudinary request signer, independent of both the client and the emulator.</summary>
internal static class TestSigning
{
    public static string Sign(IReadOnlyDictionary<string, string> fields, string apiSecret, bool sha256 = false, bool version2 = true)
    {
        var pairs = fields
            .Where(f => f.Key is not ("file" or "cloud_name" or "resource_type" or "api_key" or "signature") && f.Value.Length > 0)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => version2 ? $"{f.Key}={f.Value}".Replace("&", "%26", StringComparison.Ordinal) : $"{f.Key}={f.Value}");
        var input = Encoding.UTF8.GetBytes(string.Join('&', pairs) + apiSecret);
        return Convert.ToHexStringLower(sha256 ? SHA256.HashData(input) : SHA1.HashData(input));
    }

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
