using SecureCloudinary.Models;

namespace SecureCloudinary.Tests.Client;

public sealed class CloudinaryClientMockingTests
{
    private sealed class FakeClient : CloudinaryClient
    {
        public override Task<PingResult> PingAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new PingResult { Status = "mocked" });

        public override Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new UploadResult { PublicId = request.PublicId, Version = 7 });
    }

    [Fact]
    public async Task Subclass_OverridesVirtualMethods_WithoutHttpOrCredentials()
    {
        CloudinaryClient client = new FakeClient();
        var request = UploadRequest.FromDataUri("data:,x");
        request.PublicId = "p";

        Assert.Equal("mocked", (await client.PingAsync(TestContext.Current.CancellationToken)).Status);
        Assert.Equal(7, (await client.UploadAsync(request, TestContext.Current.CancellationToken)).Version);
    }
}
