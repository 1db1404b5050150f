namespace SecureCloudinary.Docs.Tests.Snippets;

/// <summary>The service shown in docs/using-another-cloudinary-sdk.md.</summary>
public sealed class ImageService(RotatingCloudinaryClient<OtherSdkClient> clients)
{
    public async Task<string> CurrentKeyAsync(CancellationToken cancellationToken)
    {
        // Ask per operation: after a rotation this returns a client built with the new key.
        var client = await clients.GetClientAsync(cancellationToken);
        return client.ApiKey;
    }
}
