using SecureCloudinary.Internal;
using SecureCloudinary.Models;

namespace SecureCloudinary;

public partial class CloudinaryClient
{
    /// <summary>Deletes an asset (<c>POST /v1_1/{cloud}/{resource_type}/destroy</c>, signed).</summary>
    /// <param name="publicId">The asset's public id.</param>
    /// <param name="options">Resource type, delivery type, invalidation; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result: <c>ok</c> or <c>not found</c>.</returns>
    /// <exception cref="ArgumentException">The public id is empty or the resource type is invalid.</exception>
    /// <exception cref="CloudinaryApiException">Cloudinary refused the call or could not be reached.</exception>
    /// <exception cref="CloudinaryCredentialException">No credentials could be loaded.</exception>
    public virtual async Task<DestroyResult> DestroyAsync(string publicId, DestroyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicId);
        options ??= new DestroyOptions();
        var resourceType = UploadFields.ValidateResourceType(options.ResourceType, allowAuto: false, "DestroyOptions.ResourceType");
        var fields = new List<KeyValuePair<string, string?>>(4);
        UploadFields.Add(fields, "public_id", publicId);
        UploadFields.Add(fields, "type", options.DeliveryType);
        UploadFields.Add(fields, "invalidate", UploadFields.Flag(options.Invalidate));
        UploadFields.Add(fields, "notification_url", options.NotificationUrl?.AbsoluteUri);

        var lease = await LeaseCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(
            "destroy",
            lease,
            (credentials, timestamp) => new HttpRequestMessage(
                HttpMethod.Post, BuildApiUri(ResolveBaseAddress(credentials), credentials, resourceType + "/destroy"))
            {
                Content = SignedForm.Create(fields, credentials, ResolveAlgorithm(credentials), timestamp),
            },
            replayable: true,
            CloudinaryJsonContext.Default.DestroyResult,
            cancellationToken).ConfigureAwait(false);
    }
}
