using CsCheck;

namespace SecureCloudinary.Tests.Model;

public sealed class CredentialsPropertyTests
{
    private static readonly Gen<string> CloudName =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"].Array[1, 20].Select(c => new string(c));

    // Keys and secrets with reserved, quoting, space and non-ASCII characters, never only white space.
    private static readonly Gen<string> Part =
        Gen.Char["abcXYZ0189-_ :@/?#%&=+\"'`é☕"].Array[1, 24].Select(c => new string(c)).Where(s => !string.IsNullOrWhiteSpace(s));

    private static readonly Gen<string?> Host = Gen.OneOf<string?>(null, "cdn.example.com", "img.example.org", "a-b.example.net");

    private static readonly Gen<CloudinaryUrlSettings> Settings =
        Gen.Select(
            Gen.OneOf<Uri?>(null, new Uri("https://api-eu.cloudinary.com"), new Uri("http://127.0.0.1:5123")),
            Host,
            Host,
            Gen.OneOf<bool?>(null, true, false),
            Gen.OneOf<SignatureAlgorithm?>(null, SignatureAlgorithm.Sha1, SignatureAlgorithm.Sha256),
            Gen.OneOf<int?>(null, 1, 2),
            Gen.OneOf<bool?>(null, true, false),
            (prefix, distribution, cname, flag, algorithm, version, other) => new CloudinaryUrlSettings
            {
                UploadPrefix = prefix,
                SecureDistribution = distribution,
                CName = cname,
                PrivateCdn = flag,
                SignatureAlgorithm = algorithm,
                SignatureVersion = version,
                LongUrlSignature = other,
                Secure = flag,
                CdnSubdomain = other,
                SecureCdnSubdomain = flag,
            });

    private static readonly Gen<CloudinaryCredentials> Credentials =
        Gen.Select(CloudName, Part, Part, Settings, (cloud, key, secret, settings) => new CloudinaryCredentials(cloud, key, secret, settings));

    // Long enough that it cannot appear in fixed message text by chance.
    private static readonly Gen<string> SentinelSecret = Gen.Char.AlphaNumeric.Array[16, 32].Select(c => "S3nt" + new string(c));

    [Fact]
    public void Parse_ToCloudinaryUrl_RoundTrips() =>
        Credentials.Sample(c =>
        {
            var parsed = CloudinaryCredentials.Parse(c.ToCloudinaryUrl());
            Assert.Equal(c, parsed);
            Assert.Equal(c.ApiSecret, parsed.ApiSecret);
            Assert.Equal(c.Settings, parsed.Settings);
        });

    [Fact]
    public void Parse_ToCloudinaryUrlWithPastedDecorations_RoundTrips() =>
        Gen.Select(Credentials, Gen.OneOf("", "CLOUDINARY_URL="), Gen.OneOf("", "\"", "'")).Sample((c, prefix, quote) =>
            Assert.Equal(c, CloudinaryCredentials.Parse($"  {prefix}{quote}{c.ToCloudinaryUrl()}{quote}\n")));

    [Fact]
    public void Parse_MalformedUrls_MessageNeverContainsSecret() =>
        Gen.Select(SentinelSecret, CloudName, Gen.Int[0, 7]).Sample((secret, cloud, shape) =>
        {
            var input = shape switch
            {
                0 => $"https://key:{secret}@{cloud}",
                1 => $"cloudinary://:{secret}@{cloud}",
                2 => $"cloudinary://key:{secret}@",
                3 => $"cloudinary://key:{secret}@{cloud}.bad",
                4 => $"cloudinary://key:{secret}@{cloud}?secure={secret}",
                5 => $"cloudinary://key:{secret}@{cloud}?upload_prefix={secret}",
                6 => $"cloudinary://key:{secret}/x@{cloud}",
                _ => $"{secret}",
            };
            var error = Assert.Throws<FormatException>(() => CloudinaryCredentials.Parse(input));
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret[4..], error.ToString(), StringComparison.Ordinal);
        });

    [Fact]
    public void ToString_NeverContainsSecretOrKey() =>
        Gen.Select(CloudName, SentinelSecret, SentinelSecret).Sample((cloud, key, secret) =>
        {
            var text = new CloudinaryCredentials(cloud, key, secret).ToString();
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        });
}
