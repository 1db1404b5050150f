namespace SecureCloudinary.Tests.Model;

public sealed class CredentialsParseTests
{
    private const string Sentinel = "Sentinel-Secret-7c1e";

    [Theory]
    [InlineData("cloudinary://123:abc@Demo")]
    [InlineData("CLOUDINARY://123:abc@Demo")]
    [InlineData("Cloudinary://123:abc@Demo")]
    [InlineData("  cloudinary://123:abc@Demo \n")]
    [InlineData("CLOUDINARY_URL=cloudinary://123:abc@Demo")]
    [InlineData("cloudinary_url=cloudinary://123:abc@Demo")]
    [InlineData("\"cloudinary://123:abc@Demo\"")]
    [InlineData("'cloudinary://123:abc@Demo'")]
    [InlineData("`cloudinary://123:abc@Demo`")]
    [InlineData("CLOUDINARY_URL=\"cloudinary://123:abc@Demo\"")]
    [InlineData("\"CLOUDINARY_URL=cloudinary://123:abc@Demo\"")]
    public void Parse_ToleratedForms_ReadParts(string input)
    {
        var c = CloudinaryCredentials.Parse(input);
        Assert.Equal("Demo", c.CloudName);
        Assert.Equal("123", c.ApiKey);
        Assert.Equal("abc", c.ApiSecret);
        Assert.Same(CloudinaryUrlSettings.Empty, c.Settings);
    }

    [Fact]
    public void Parse_ColonInSecret_SplitsOnFirstColon()
    {
        var c = CloudinaryCredentials.Parse("cloudinary://key:se:cr:et@cloud");
        Assert.Equal("key", c.ApiKey);
        Assert.Equal("se:cr:et", c.ApiSecret);
    }

    [Fact]
    public void Parse_PercentEncodedKeyAndSecret_Decoded()
    {
        var c = CloudinaryCredentials.Parse("cloudinary://k%3Ay:se%2Fcr%40et%25@cloud");
        Assert.Equal("k:y", c.ApiKey);
        Assert.Equal("se/cr@et%", c.ApiSecret);
    }

    [Fact]
    public void Parse_UnencodedAtInSecret_UsesLastAt() =>
        Assert.Equal("p@ss", CloudinaryCredentials.Parse("cloudinary://key:p@ss@cloud").ApiSecret);

    [Fact]
    public void Parse_CloudNameCase_Kept() =>
        Assert.Equal("MyCloud_01-x", CloudinaryCredentials.Parse("cloudinary://k:s@MyCloud_01-x").CloudName);

    [Fact]
    public void Parse_PathDistribution_SetsPrivateCdn()
    {
        var s = CloudinaryCredentials.Parse("cloudinary://k:s@cloud/my.cdn.example.com").Settings;
        Assert.Equal("my.cdn.example.com", s.SecureDistribution);
        Assert.True(s.PrivateCdn);
    }

    [Fact]
    public void Parse_RecognisedQueryKeys_FillSettings()
    {
        var s = CloudinaryCredentials.Parse(
            "cloudinary://k:s@cloud?upload_prefix=https%3A%2F%2Fapi-eu.cloudinary.com&secure_distribution=cdn.example.com&private_cdn=true"
            + "&cname=img.example.com&signature_algorithm=SHA256&signature_version=1&long_url_signature=1&secure=false"
            + "&cdn_subdomain=yes&secure_cdn_subdomain=no&api_proxy=http://proxy.local:3128&unknown[x]=1&flag").Settings;
        Assert.Equal(new Uri("https://api-eu.cloudinary.com"), s.UploadPrefix);
        Assert.Equal("cdn.example.com", s.SecureDistribution);
        Assert.True(s.PrivateCdn);
        Assert.Equal("img.example.com", s.CName);
        Assert.Equal(SignatureAlgorithm.Sha256, s.SignatureAlgorithm);
        Assert.Equal(1, s.SignatureVersion);
        Assert.True(s.LongUrlSignature);
        Assert.False(s.Secure);
        Assert.True(s.CdnSubdomain);
        Assert.False(s.SecureCdnSubdomain);
        Assert.Equal(new Uri("http://proxy.local:3128"), s.ApiProxy);
    }

    [Fact]
    public void Parse_QueryOverridesPathPrivateCdn() =>
        Assert.False(CloudinaryCredentials.Parse("cloudinary://k:s@cloud/cdn.example.com?private_cdn=false").Settings.PrivateCdn);

    [Fact]
    public void Parse_Fragment_Ignored() =>
        Assert.Equal("cloud", CloudinaryCredentials.Parse("cloudinary://k:s@cloud#frag").CloudName);

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { "CLOUDINARY_URL=", "empty" },
        { "\"\"", "empty" },
        { $"https://123:{Sentinel}@cloud", "scheme" },
        { $"cloudinary:/123:{Sentinel}@cloud", "scheme" },
        { $"account://123:{Sentinel}@cloud", "scheme" },
        { "cloudinary://cloud", "no API key or secret" },
        { $"cloudinary://123:{Sentinel}", "no cloud name: add '@<cloud_name>'" },
        { $"cloudinary://:{Sentinel}@cloud", "no API key" },
        { "cloudinary://123@cloud", "no API secret" },
        { "cloudinary://123:@cloud", "no API secret" },
        { "cloudinary://123:%20@cloud", "no API secret" },
        { $"cloudinary://123:{Sentinel}@", "no cloud name" },
        { $"cloudinary://123:{Sentinel}@/cdn.example.com", "no cloud name" },
        { $"cloudinary://123:{Sentinel}@bad.cloud", "invalid cloud name" },
        { $"cloudinary://123:{Sentinel}@cloud:443", "invalid cloud name" },
        { $"cloudinary://123:{Sentinel}/x@cloud", "percent-encode" },
        { $"cloudinary://123:{Sentinel}#x@cloud", "percent-encode" },
        { $"cloudinary://123:{Sentinel}@cloud?secure={Sentinel}", "'secure'" },
        { $"cloudinary://123:{Sentinel}@cloud?signature_algorithm=md5", "'signature_algorithm'" },
        { $"cloudinary://123:{Sentinel}@cloud?signature_version=3", "'signature_version'" },
        { $"cloudinary://123:{Sentinel}@cloud?upload_prefix=ftp://{Sentinel}", "'upload_prefix'" },
        { $"cloudinary://123:{Sentinel}@cloud?api_proxy={Sentinel}", "'api_proxy'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_Malformed_FormatExceptionSaysWhatWithoutInput(string input, string expectedFragment)
    {
        var error = Assert.Throws<FormatException>(() => CloudinaryCredentials.Parse(input));
        Assert.Contains(expectedFragment, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Sentinel, error.ToString(), StringComparison.Ordinal);
        if (input.Trim().Length > 0)
        {
            Assert.DoesNotContain(input.Trim(), error.Message, StringComparison.Ordinal);
        }

        Assert.False(CloudinaryCredentials.TryParse(input, out var credentials));
        Assert.Null(credentials);
    }

    [Fact]
    public void Parse_WrongScheme_UsesDotnetSdkMessage() =>
        Assert.StartsWith(
            "Invalid CLOUDINARY_URL scheme. Expecting to start with 'cloudinary://'",
            Assert.Throws<FormatException>(() => CloudinaryCredentials.Parse("http://a:b@c")).Message,
            StringComparison.Ordinal);

    [Fact]
    public void Parse_UnknownQueryKeyWithBadValue_NotEchoed() =>
        Assert.Equal("cloud", CloudinaryCredentials.Parse($"cloudinary://k:s@cloud?{Sentinel}={Sentinel}").CloudName);

    [Fact]
    public void Parse_Null_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("cloudinaryUrl", () => CloudinaryCredentials.Parse(null!));

    [Fact]
    public void TryParse_NullOrValid_ReportsResult()
    {
        Assert.False(CloudinaryCredentials.TryParse(null, out var none));
        Assert.Null(none);
        Assert.True(CloudinaryCredentials.TryParse("cloudinary://k:s@c", out var some));
        Assert.Equal("c", some.CloudName);
    }
}
