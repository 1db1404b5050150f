using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Tests.Model;

/// <summary>Independent digest helpers for expected values (the protocol under test mandates SHA-1).</summary>
internal static class TestDigests
{
#pragma warning disable CA5350 // Cloudinary signatures are SHA-1 by definition; this computes expected values.
    public static string Sha1Hex(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
