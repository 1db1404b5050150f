using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsCheck;

namespace SecureCloudinary.Stress.Tests.Properties;

/// <summary>
/// <see cref="CloudinarySigner.SignParameters"/> against an independent implementation written here from
/// Cloudinary's description of the signature (drop blank values, sort by name, join <c>name=value</c> with
/// <c>&amp;</c>, escape <c>&amp;</c> in values as <c>%26</c> for signature version 2, append the API secret, hash,
/// lower-case hex). The order properties compare the signer with itself; this one can catch a wrong signature.
/// </summary>
public sealed class SignerDifferentialPropertyTests
{
    private static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyzABCZ0129_-"].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<string?> Value = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Const<string?>(""),
        Gen.Const<string?>("a&b=c&&"),
        PropertyGens.Awkward.Select(v => (string?)v),
        PropertyGens.Unicode.Select(v => (string?)v));

    private static readonly Gen<KeyValuePair<string, string?>[]> Parameters =
        Gen.Select(Name, Value).Array[0, 16].Select(ps => ps
            .DistinctBy(p => p.Item1, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2))
            .ToArray());

    [Fact]
    public void Reference_CloudinaryDocumentedExample_MatchesThePublishedSignature()
    {
        // Cloudinary's "Generating authentication signatures" example (SHA-1, API secret "abcd").
        KeyValuePair<string, string?>[] parameters =
        [
            new("timestamp", "1315060510"),
            new("public_id", "sample_image"),
            new("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop"),
        ];

        Assert.Equal("bfd09f95f331f558cbd1320e67aa8d488770583e", Reference(parameters, "abcd", SignatureAlgorithm.Sha1, 1));
        Assert.Equal("bfd09f95f331f558cbd1320e67aa8d488770583e", CloudinarySigner.SignParameters(parameters, "abcd", SignatureAlgorithm.Sha1, 1));
    }

    [Fact]
    public void SignParameters_AnyInput_EqualsTheReferenceImplementation() =>
        Gen.Select(Parameters, PropertyGens.Part, Gen.OneOf(Gen.Const(SignatureAlgorithm.Sha1), Gen.Const(SignatureAlgorithm.Sha256)), Gen.Int[1, 2])
            .Sample((parameters, secret, algorithm, version) =>
                Assert.Equal(Reference(parameters, secret, algorithm, version), CloudinarySigner.SignParameters(parameters, secret, algorithm, version)),
                iter: 3_000);

    [Fact]
    public void SignParameters_DifferentAmpersandEscaping_VersionsDifferOnlyWhenAValueHasAnAmpersand() =>
        Gen.Select(Parameters, PropertyGens.Part).Sample((parameters, secret) =>
        {
            var hasAmpersand = parameters.Any(p => p.Value?.Contains('&', StringComparison.Ordinal) == true);
            var v1 = CloudinarySigner.SignParameters(parameters, secret, SignatureAlgorithm.Sha1, 1);
            var v2 = CloudinarySigner.SignParameters(parameters, secret, SignatureAlgorithm.Sha1, 2);

            Assert.Equal(!hasAmpersand, v1 == v2);
        }, iter: 1_000);

    /// <summary>Written from the description, with other APIs than the signer (LINQ, string.Join, IncrementalHash, "x2").</summary>
    private static string Reference(IEnumerable<KeyValuePair<string, string?>> parameters, string secret, SignatureAlgorithm algorithm, int version)
    {
        var pairs = parameters
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + (version >= 2 ? p.Value!.Replace("&", "%26", StringComparison.Ordinal) : p.Value));
        var text = string.Join("&", pairs) + secret;
        using var hash = IncrementalHash.CreateHash(algorithm == SignatureAlgorithm.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        var hex = new StringBuilder();
        foreach (var b in hash.GetHashAndReset())
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
