namespace SecureCloudinary.Tests.Sources;

public sealed class CloudinarySecretParserTests
{
    [Theory]
    [InlineData("""{"cloud_name":"demo","api_key":"123456","api_secret":"abc"}""")]
    [InlineData("""{ "Cloud_Name": "demo", "API_KEY": 123456, "api_secret": "abc", "other": [1] }""")]
    [InlineData("""{"url":"cloudinary://123456:abc@demo"}""")]
    [InlineData("""{"CLOUDINARY_URL":"cloudinary://123456:abc@demo"}""")]
    [InlineData("""{"url":"cloudinary://999:zzz@demo","api_key":"123456","api_secret":"abc"}""")]
    [InlineData("cloudinary://123456:abc@demo")]
    [InlineData("  CLOUDINARY_URL=cloudinary://123456:abc@demo\n")]
    public void Parse_AcceptedShape_ReturnsCredentials(string secret)
    {
        var c = CloudinarySecretParser.Parse(secret, "Vault");

        Assert.Equal(("demo", "123456", "abc"), (c.CloudName, c.ApiKey, c.ApiSecret));
    }

    [Fact]
    public void Parse_JsonWithLoneSurrogate_ThrowsInvalidSecretWithoutTheText()
    {
        // A "\ud830" escape in a store's JSON becomes a lone surrogate; JsonDocument then throws ArgumentException.
        var secret = "{\"api_secret\":\"S3cretSentinel\ud830\",\"api_key\":\"1\",\"cloud_name\":\"demo\"}";

        var e = Assert.Throws<CloudinaryCredentialException>(() => CloudinarySecretParser.Parse(secret, "Test"));

        Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
        Assert.Contains("invalid UTF-16", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cretSentinel", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CustomFieldNames_ReadsThem()
    {
        var names = new CloudinarySecretFieldNames { ApiKey = "key", ApiSecret = "secret", CloudName = "cloud", Url = "connection" };

        var c = CloudinarySecretParser.Parse("""{"cloud":"demo","key":"1","secret":"s"}""", "Conjur", names);
        var fromUrl = CloudinarySecretParser.Parse("""{"connection":"cloudinary://1:s@demo"}""", "Conjur", names);

        Assert.Equal(("demo", "1", "s"), (c.CloudName, c.ApiKey, c.ApiSecret));
        Assert.Equal(c, fromUrl);
    }

    [Fact]
    public void Parse_NoCloudNameInSecret_UsesFallback()
    {
        var c = CloudinarySecretParser.Parse("""{"api_key":"1","api_secret":"s"}""", "Vault", fallbackCloudName: "demo");

        Assert.Equal("demo", c.CloudName);
    }

    [Fact]
    public void Parse_CloudNameInSecret_WinsOverFallback()
    {
        var c = CloudinarySecretParser.Parse("""{"cloud_name":"mine","api_key":"1","api_secret":"s"}""", "Vault", fallbackCloudName: "demo");

        Assert.Equal("mine", c.CloudName);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("just-a-password", "not in a recognised shape")]
    [InlineData("""{"cloud_name":"demo","api_key":"1","api_secret":""", "not valid JSON")]
    [InlineData("""{"cloud_name":"demo",}""", "not valid JSON")]
    [InlineData("""["demo"]""", "not in a recognised shape")]
    [InlineData("""{"cloud_name":"demo","api_key":"1"}""", "secret field 'api_secret' is missing")]
    [InlineData("""{"other":"x"}""", "No Cloudinary credentials found in the secret")]
    [InlineData("""{"cloud_name":"demo","api_key":{"x":1},"api_secret":"s"}""", "Secret field 'api_key' from source 'Vault' must be a string")]
    [InlineData("""{"url":"https://1:s@demo"}""", "secret field 'url' is not a valid Cloudinary URL")]
    [InlineData("cloudinary://1:s", "the secret's cloudinary:// URL is not a valid Cloudinary URL")]
    public void Parse_BadSecret_ThrowsInvalidSecretSayingWhy(string secret, string expected)
    {
        var e = Assert.Throws<CloudinaryCredentialException>(() => CloudinarySecretParser.Parse(secret, "Vault"));

        Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
        Assert.Equal("Vault", e.SourceName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsPositionButNoContent()
    {
        const string Secret = """{"api_secret": "hunter2" "x"}""";

        var e = Assert.Throws<CloudinaryCredentialException>(() => CloudinarySecretParser.Parse(Secret, "Vault"));

        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("'x'", e.ToString(), StringComparison.Ordinal);
        Assert.Null(e.InnerException);
    }

    [Fact]
    public void Parse_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("secretText", () => CloudinarySecretParser.Parse(null!, "Vault"));
        Assert.Throws<ArgumentNullException>("sourceName", () => CloudinarySecretParser.Parse("x", null!));
    }
}
