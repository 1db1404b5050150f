namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientDeliveryTests
{
    [Fact]
    public async Task BuildDeliveryUrlAsync_SignedUrl_UsesCurrentCredentials()
    {
        using var kit = new ClientTestKit(new CloudinaryCredentials("test123", "k", "b"));
        var options = new DeliveryUrlOptions { Transformation = "c_crop,h_20,w_10", Version = 1234, Signed = true };
        var url = await kit.Client.BuildDeliveryUrlAsync("image.jpg", options, TestContext.Current.CancellationToken);

        // Vector U1 (protocol notes §8.2).
        Assert.Equal("https://res.cloudinary.com/test123/image/upload/s--Ai4Znfl3--/c_crop,h_20,w_10/v1234/image.jpg", url);

        kit.Provider.Current = new CloudinaryCredentials("other", "k", "b");
        var second = await kit.Client.BuildDeliveryUrlAsync("image.jpg", options, TestContext.Current.CancellationToken);
        Assert.StartsWith("https://res.cloudinary.com/other/", second, StringComparison.Ordinal);
        Assert.Equal(2, kit.Provider.Calls);
        Assert.Empty(kit.Handler.Requests);
    }
}
