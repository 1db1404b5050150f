namespace SecureCloudinary.Tests.Model;

public sealed class DeliveryUrlLoopbackTests
{
    [Theory]
    [InlineData("127.0.0.1:5123")]
    [InlineData("localhost:8080")]
    [InlineData("127.0.0.2")]
    public void BuildDeliveryUrl_SecureFalseWithLoopbackDistribution_UsesHttp(string host)
    {
        var credentials = new CloudinaryCredentials("emulated", "k", "s", new() { SecureDistribution = host, Secure = false });

        Assert.Equal($"http://{host}/emulated/image/upload/cat.png",
            CloudinaryUrls.BuildDeliveryUrl(credentials, "cat", new DeliveryUrlOptions { Format = "png" }));
    }

    [Fact]
    public void BuildDeliveryUrl_SecureFalseWithLoopbackCName_UsesHttp() =>
        Assert.StartsWith(
            "http://localhost:9000/demo/image/upload/",
            CloudinaryUrls.BuildDeliveryUrl(new CloudinaryCredentials("demo", "k", "s", new() { CName = "localhost:9000", Secure = false }), "x"),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("cdn.example.com")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("localhost.example.com")]
    [InlineData("10.0.0.1:80")]
    public void BuildDeliveryUrl_SecureFalseWithNonLoopbackHost_StaysHttps(string host)
    {
        var credentials = new CloudinaryCredentials("demo", "k", "s", new() { SecureDistribution = host, Secure = false });

        Assert.StartsWith($"https://{host}/", CloudinaryUrls.BuildDeliveryUrl(credentials, "x"), StringComparison.Ordinal);
    }

    [Fact]
    public void BuildDeliveryUrl_LoopbackDistributionWithoutSecureFalse_StaysHttps() =>
        Assert.StartsWith(
            "https://127.0.0.1:5000/",
            CloudinaryUrls.BuildDeliveryUrl(new CloudinaryCredentials("demo", "k", "s", new() { SecureDistribution = "127.0.0.1:5000" }), "x"),
            StringComparison.Ordinal);

    [Fact]
    public void BuildDeliveryUrl_SignedLoopbackUrl_SignatureSameAsHttpsUrl()
    {
        var options = new DeliveryUrlOptions { Signed = true, Format = "png", Version = 7 };
        var https = CloudinaryUrls.BuildDeliveryUrl(new CloudinaryCredentials("demo", "k", "s3cr3t"), "pets/cat", options);
        var http = CloudinaryUrls.BuildDeliveryUrl(
            new CloudinaryCredentials("demo", "k", "s3cr3t", new() { SecureDistribution = "127.0.0.1:1", Secure = false }), "pets/cat", options);

        Assert.Equal(https.Replace("https://res.cloudinary.com/", "http://127.0.0.1:1/", StringComparison.Ordinal), http);
    }

    [Fact]
    public void Parse_SecureFalseAndLoopbackDistributionQuery_RoundTripsToHttpUrls()
    {
        var credentials = CloudinaryCredentials.Parse("cloudinary://k:s@emulated?secure_distribution=127.0.0.1:4321&secure=false");
        var again = CloudinaryCredentials.Parse(credentials.ToCloudinaryUrl());

        Assert.StartsWith("http://127.0.0.1:4321/emulated/", CloudinaryUrls.BuildDeliveryUrl(again, "a"), StringComparison.Ordinal);
    }
}
