namespace SecureCloudinary.Tests;

public sealed class CredentialsSmokeTests
{
    [Fact]
    public void Parse_ValidUrl_ReadsParts()
    {
        var c = CloudinaryCredentials.Parse("cloudinary://123:abc@Demo");
        Assert.Equal("Demo", c.CloudName);
        Assert.Equal("123", c.ApiKey);
        Assert.Equal("abc", c.ApiSecret);
        Assert.DoesNotContain("abc", c.ToString(), StringComparison.Ordinal);
    }
}
