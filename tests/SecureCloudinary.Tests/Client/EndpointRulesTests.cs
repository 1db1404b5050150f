using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Client;

public sealed class EndpointRulesTests
{
    [Theory]
    [InlineData("https://api.cloudinary.com")]
    [InlineData("https://example.org:8443/prefix")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.42.0.9")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://localhost:9999")]
    [InlineData("http://LOCALHOST")]
    public void EnsureHttpsOrLoopback_AllowedEndpoint_DoesNotThrow(string uri)
    {
        EndpointRules.EnsureHttpsOrLoopback(new Uri(uri), "Cloudinary:ApiBaseAddress");
        Assert.True(EndpointRules.IsHttpsOrLoopback(new Uri(uri)));
    }

    [Theory]
    [InlineData("http://api.cloudinary.com")]
    [InlineData("http://10.0.0.1")]
    [InlineData("http://128.0.0.1")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("https://user:pa55word@api.cloudinary.com")]
    public void EnsureHttpsOrLoopback_RejectedEndpoint_ThrowsNamingSettingNotValue(string uri)
    {
        var ex = Assert.Throws<InvalidOperationException>(
            () => EndpointRules.EnsureHttpsOrLoopback(new Uri(uri), "Vault:Address"));
        Assert.StartsWith("Vault:Address ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new Uri(uri).Host, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pa55word", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureHttpsOrLoopback_RelativeUri_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(
            () => EndpointRules.EnsureHttpsOrLoopback(new Uri("/v1_1", UriKind.Relative), "Cloudinary:ApiBaseAddress"));
        Assert.Contains("absolute", ex.Message, StringComparison.Ordinal);
    }
}
