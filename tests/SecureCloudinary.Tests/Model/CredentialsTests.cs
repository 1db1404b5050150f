using System.Diagnostics;
using System.Reflection;

namespace SecureCloudinary.Tests.Model;

public sealed class CredentialsTests
{
    private const string Sentinel = "Sentinel-Secret-7c1e";

    [Fact]
    public void Fingerprint_KnownKey_IsFirst8LowerHexOfSha256()
    {
        var c = new CloudinaryCredentials("demo", "123456789012345", Sentinel);
        Assert.Equal("e27a7686", c.Fingerprint); // sha256("123456789012345") = e27a7686..., computed with Python hashlib
        Assert.Equal(TestDigests.Sha256Hex("123456789012345")[..8], c.Fingerprint);
    }

    [Fact]
    public void Fingerprint_NonAsciiKey_UsesUtf8() =>
        Assert.Equal(TestDigests.Sha256Hex("clé☕")[..8], new CloudinaryCredentials("demo", "clé☕", "s").Fingerprint);

    [Fact]
    public void Fingerprint_RotatedKey_Changes() =>
        Assert.NotEqual(new CloudinaryCredentials("d", "key1", "s").Fingerprint, new CloudinaryCredentials("d", "key2", "s").Fingerprint);

    [Theory]
    [InlineData("123456789012345", "2345")]
    [InlineData("abc", "abc")]
    public void ApiKeyHint_LastFourCharacters(string key, string hint) =>
        Assert.Equal(hint, new CloudinaryCredentials("d", key, "s").ApiKeyHint);

    [Fact]
    public void ToString_ShowsCloudAndFingerprintOnly()
    {
        var c = new CloudinaryCredentials("demo", "123456789012345", Sentinel);
        var text = c.ToString();
        Assert.Contains("demo", text, StringComparison.Ordinal);
        Assert.Contains(c.Fingerprint, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, text, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789012345", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DebuggerDisplay_UsesSafeToString()
    {
        var attribute = typeof(CloudinaryCredentials).GetCustomAttribute<DebuggerDisplayAttribute>();
        Assert.NotNull(attribute);
        Assert.Equal("{ToString(),nq}", attribute.Value);
    }

    [Fact]
    public void Type_IsSealedClassNotRecord()
    {
        Assert.True(typeof(CloudinaryCredentials).IsSealed);
        Assert.Null(typeof(CloudinaryCredentials).GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance));
    }

    [Theory]
    [InlineData(null, "k", "s", "cloudName")]
    [InlineData(" ", "k", "s", "cloudName")]
    [InlineData("bad cloud", "k", "s", "cloudName")]
    [InlineData("bad.cloud", "k", "s", "cloudName")]
    [InlineData("c", "", "s", "apiKey")]
    [InlineData("c", "k", null, "apiSecret")]
    [InlineData("c", "k", "\t", "apiSecret")]
    public void Constructor_BadPart_ThrowsNamingIt(string? cloud, string? key, string? secret, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new CloudinaryCredentials(cloud!, key!, secret!));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Equality_SameParts_EqualWithSameHash()
    {
        var a = CloudinaryCredentials.Parse("cloudinary://k:s@c?cname=x.example.com");
        var b = new CloudinaryCredentials("c", "k", "s", new() { CName = "x.example.com" });
        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("C", "k", "s")]
    [InlineData("c", "K", "s")]
    [InlineData("c", "k", "S")]
    [InlineData("c", "k", "s2")]
    public void Equality_AnyPartDiffers_NotEqual(string cloud, string key, string secret) =>
        Assert.NotEqual(new CloudinaryCredentials("c", "k", "s"), new CloudinaryCredentials(cloud, key, secret));

    [Fact]
    public void Equality_SettingsDiffer_NotEqual() =>
        Assert.NotEqual(
            new CloudinaryCredentials("c", "k", "s"),
            new CloudinaryCredentials("c", "k", "s", new() { SignatureAlgorithm = SignatureAlgorithm.Sha256 }));

    [Fact]
    public void Equality_Null_NotEqual() => Assert.False(new CloudinaryCredentials("c", "k", "s").Equals(null));

    [Fact]
    public void ToCloudinaryUrl_EncodesReservedCharactersAndSettings()
    {
        var c = new CloudinaryCredentials("c", "k:1", "s/@?#% x", new() { UploadPrefix = new Uri("http://127.0.0.1:5000"), PrivateCdn = true });
        var url = c.ToCloudinaryUrl();
        Assert.StartsWith("cloudinary://k%3A1:s%2F%40%3F%23%25%20x@c?", url, StringComparison.Ordinal);
        Assert.Contains("upload_prefix=http%3A%2F%2F127.0.0.1%3A5000", url, StringComparison.Ordinal);
        Assert.Contains("private_cdn=true", url, StringComparison.Ordinal);
        Assert.Equal(c, CloudinaryCredentials.Parse(url));
    }

    [Fact]
    public void ToCloudinaryUrl_NoSettings_NoQuery() =>
        Assert.Equal("cloudinary://k:s@c", new CloudinaryCredentials("c", "k", "s").ToCloudinaryUrl());
}
