namespace SecureCloudinary;

public partial class CloudinaryClient
{
    /// <summary>
    /// Builds a delivery URL for an asset with the current credentials (signed when
    /// <see cref="DeliveryUrlOptions.Signed"/> is set); see <see cref="CloudinaryUrls.BuildDeliveryUrl"/>.
    /// </summary>
    /// <param name="publicId">The asset's public id.</param>
    /// <param name="options">Resource type, delivery type, transformation, format, version and signing.</param>
    /// <param name="cancellationToken">Cancels waiting for the credentials.</param>
    /// <returns>The delivery URL. A signed URL grants access to the asset: do not log it.</returns>
    /// <exception cref="ArgumentException">An argument or option is not valid.</exception>
    /// <exception cref="CloudinaryCredentialException">No credentials could be loaded.</exception>
    public virtual async ValueTask<string> BuildDeliveryUrlAsync(
        string publicId, DeliveryUrlOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicId);
        ArgumentNullException.ThrowIfNull(options);
        var credentials = await GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return CloudinaryUrls.BuildDeliveryUrl(credentials, publicId, options);
    }
}
