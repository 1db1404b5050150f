namespace SecureCloudinary.Tests.Model;

public sealed class DeliveryUrlTests
{
    private const string Sentinel = "SENTINEL-SECRET-9f3b";
    private static readonly CloudinaryCredentials Demo = new("demo", "123456789012345", Sentinel);

    [Fact]
    public void BuildDeliveryUrl_NullOptions_UsesImageUploadDefaults() =>
        Assert.Equal("https://res.cloudinary.com/demo/image/upload/sample", CloudinaryUrls.BuildDeliveryUrl(Demo, "sample", null));

    [Fact]
    public void BuildDeliveryUrl_Unsigned_HasNoSignatureSegment() =>
        Assert.Equal(
            "https://res.cloudinary.com/demo/video/upload/c_scale,w_300/v42/clip.mp4",
            CloudinaryUrls.BuildDeliveryUrl(Demo, "clip", new() { ResourceType = "video", Transformation = "c_scale,w_300", Version = 42, Format = "mp4" }));

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("x:y/z", "v1/x:y/z")]
    [InlineData("my%20image", "my%20image")]
    [InlineData("100%", "100%25")]
    [InlineData("50%zz", "50%25zz")]
    [InlineData("a%2Fb", "v1/a/b")]
    [InlineData("a//b", "v1/a/b")]
    [InlineData("caf\u00e9", "caf%C3%A9")]
    [InlineData("\ud83d\ude00", "%F0%9F%98%80")]
    [InlineData("keep!~*'()._-", "keep!~*'()._-")]
    [InlineData("q?#&=+,;$@", "q%3F%23%26%3D%2B%2C%3B%24%40")]
    [InlineData("v2/already/versioned", "v2/already/versioned")]
    [InlineData("vx/not_a_version", "v1/vx/not_a_version")]
    public void BuildDeliveryUrl_PublicId_EncodedLikeTheSdks(string publicId, string expectedTail) =>
        Assert.Equal("https://res.cloudinary.com/demo/image/upload/" + expectedTail, CloudinaryUrls.BuildDeliveryUrl(Demo, publicId, null));

    [Fact]
    public void BuildDeliveryUrl_TransformationWithSpaceAndSlashes_EscapedAndTrimmed() =>
        Assert.Equal(
            "https://res.cloudinary.com/demo/image/upload/l_text:Arial_20:Hi%20there/e_sepia/s",
            CloudinaryUrls.BuildDeliveryUrl(Demo, "s", new() { Transformation = "/l_text:Arial_20:Hi there//e_sepia/" }));

    [Fact]
    public void BuildDeliveryUrl_SignedTransformationWithSpace_SignsRawSpace()
    {
        var url = CloudinaryUrls.BuildDeliveryUrl(Demo, "s", new() { Transformation = "l_text:Arial_20:Hi there", Signed = true });
        var expected = Convert.ToBase64String(Convert.FromHexString(TestDigests.Sha1Hex("l_text:Arial_20:Hi there/s" + Sentinel)))[..8]
            .Replace('+', '-').Replace('/', '_');
        Assert.Equal($"https://res.cloudinary.com/demo/image/upload/s--{expected}--/l_text:Arial_20:Hi%20there/s", url);
    }

    [Fact]
    public void BuildDeliveryUrl_LongIdAndTransformation_UsesPooledBuffer()
    {
        var id = string.Concat(Enumerable.Repeat("folder/é ", 200));
        var url = CloudinaryUrls.BuildDeliveryUrl(Demo, id, new() { Transformation = string.Join('/', Enumerable.Repeat("c_fill,w_100", 100)), Signed = true });
        Assert.EndsWith(string.Concat(Enumerable.Repeat("folder/%C3%A9%20", 200)), url, StringComparison.Ordinal);
        Assert.Contains("/v1/folder/", url, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildDeliveryUrl_SecureDistributionFromUrlPath_PrivateCdnWithoutCloudName()
    {
        var credentials = CloudinaryCredentials.Parse("cloudinary://a:b@test123/config.secure.distribution.com");
        Assert.Equal("https://config.secure.distribution.com/image/upload/test", CloudinaryUrls.BuildDeliveryUrl(credentials, "test", null));
    }

    [Fact]
    public void BuildDeliveryUrl_SecureDistributionFromQuery_KeepsCloudName()
    {
        var credentials = CloudinaryCredentials.Parse("cloudinary://a:b@test123?secure_distribution=cdn.example.com");
        Assert.Equal("https://cdn.example.com/test123/image/upload/test", CloudinaryUrls.BuildDeliveryUrl(credentials, "test", null));
    }

    [Fact]
    public void BuildDeliveryUrl_PrivateCdnWithoutDistribution_UsesCloudResHost() =>
        Assert.Equal(
            "https://test123-res.cloudinary.com/image/upload/test",
            CloudinaryUrls.BuildDeliveryUrl(new CloudinaryCredentials("test123", "a", "b", new() { PrivateCdn = true }), "test", null));

    [Fact]
    public void BuildDeliveryUrl_CName_UsedAsHttpsHostWithCloudName() =>
        Assert.Equal(
            "https://img.example.com/test123/image/upload/test",
            CloudinaryUrls.BuildDeliveryUrl(new CloudinaryCredentials("test123", "a", "b", new() { CName = "img.example.com" }), "test", null));

    [Fact]
    public void BuildDeliveryUrl_SecureFalse_StillHttps() =>
        Assert.StartsWith(
            "https://res.cloudinary.com/",
            CloudinaryUrls.BuildDeliveryUrl(new CloudinaryCredentials("test123", "a", "b", new() { Secure = false }), "test", null),
            StringComparison.Ordinal);

    [Fact]
    public void BuildDeliveryUrl_OldAkamaiDistribution_FallsBackToSharedHost() =>
        Assert.Equal(
            "https://res.cloudinary.com/test123/image/upload/test",
            CloudinaryUrls.BuildDeliveryUrl(
                new CloudinaryCredentials("test123", "a", "b", new() { SecureDistribution = "cloudinary-a.akamaihd.net" }), "test", null));

    [Fact]
    public void BuildDeliveryUrl_NullCredentials_Throws() =>
        Assert.Throws<ArgumentNullException>("credentials", () => CloudinaryUrls.BuildDeliveryUrl(null!, "x", null));

    [Fact]
    public void BuildDeliveryUrl_NullPublicId_Throws() =>
        Assert.Throws<ArgumentNullException>("publicId", () => CloudinaryUrls.BuildDeliveryUrl(Demo, null!, null));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/leading")]
    public void BuildDeliveryUrl_BadPublicId_ThrowsNamingPublicId(string publicId)
    {
        var error = Assert.Throws<ArgumentException>(nameof(publicId), () => CloudinaryUrls.BuildDeliveryUrl(Demo, publicId, new() { Signed = true }));
        Assert.DoesNotContain(Sentinel, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BuildDeliveryUrl_LoneSurrogateInPublicId_ThrowsNamingPublicId()
    {
        // Not an InlineData case: attribute strings are stored as UTF-8 and would lose the lone surrogate.
        var publicId = "lone" + '\ud800' + "surrogate";
        Assert.Throws<ArgumentException>(nameof(publicId), () => CloudinaryUrls.BuildDeliveryUrl(Demo, publicId, null));
    }

    public static TheoryData<DeliveryUrlOptions, string> BadOptions => new()
    {
        { new() { ResourceType = "" }, "ResourceType" },
        { new() { ResourceType = "im age" }, "ResourceType" },
        { new() { DeliveryType = null! }, "DeliveryType" },
        { new() { DeliveryType = "up/load" }, "DeliveryType" },
        { new() { Format = "j.pg" }, "Format" },
        { new() { Format = "jpg?x" }, "Format" },
        { new() { Version = -1 }, "Version" },
        { new() { Transformation = "c_fill?x=1" }, "Transformation" },
        { new() { Transformation = "c_fill#x" }, "Transformation" },
        { new() { Transformation = "c_fill\n" }, "Transformation" },
        { new() { Transformation = "l_text:Arial_20:caf\u00e9" }, "Transformation" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BuildDeliveryUrl_BadOption_ThrowsNamingMember(DeliveryUrlOptions options, string member)
    {
        var error = Assert.Throws<ArgumentException>(nameof(options), () => CloudinaryUrls.BuildDeliveryUrl(Demo, "x", options with { Signed = true }));
        Assert.Contains("DeliveryUrlOptions." + member, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cdn.example.com/path")]
    [InlineData("evil.com?x=")]
    [InlineData("user@host")]
    public void BuildDeliveryUrl_BadDistributionHost_ThrowsNamingCredentials(string host)
    {
        var credentials = new CloudinaryCredentials("demo", "k", Sentinel, new() { SecureDistribution = host });
        var error = Assert.Throws<ArgumentException>("credentials", () => CloudinaryUrls.BuildDeliveryUrl(credentials, "x", null));
        Assert.DoesNotContain(Sentinel, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BuildDeliveryUrl_DifferentSecrets_DifferentSignatures() =>
        Assert.NotEqual(
            CloudinaryUrls.BuildDeliveryUrl(Demo, "x", new() { Signed = true }),
            CloudinaryUrls.BuildDeliveryUrl(new CloudinaryCredentials("demo", "k", "other"), "x", new() { Signed = true }));
}
