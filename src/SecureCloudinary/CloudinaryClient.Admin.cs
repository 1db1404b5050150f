using SecureCloudinary.Internal;
using SecureCloudinary.Models;

namespace SecureCloudinary;

public partial class CloudinaryClient
{
    /// <summary>Checks that Cloudinary is reachable and accepts the current credentials (<c>GET /v1_1/{cloud}/ping</c>, Basic auth).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ping answer.</returns>
    /// <exception cref="CloudinaryApiException">Cloudinary refused the call (see <see cref="CloudinaryApiException.IsAuthenticationFailure"/>) or could not be reached.</exception>
    /// <exception cref="CloudinaryCredentialException">No credentials could be loaded.</exception>
    public virtual Task<PingResult> PingAsync(CancellationToken cancellationToken = default) =>
        GetAdminAsync("ping", "ping", CloudinaryJsonContext.Default.PingResult, cancellationToken);

    /// <summary>Reads the product environment's usage report (<c>GET /v1_1/{cloud}/usage</c>, Basic auth).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The usage report.</returns>
    /// <exception cref="CloudinaryApiException">Cloudinary refused the call or could not be reached.</exception>
    /// <exception cref="CloudinaryCredentialException">No credentials could be loaded.</exception>
    public virtual Task<UsageResult> GetUsageAsync(CancellationToken cancellationToken = default) =>
        GetAdminAsync("usage", "usage", CloudinaryJsonContext.Default.UsageResult, cancellationToken);

    private async Task<T> GetAdminAsync<T>(
        string operation, string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var lease = await LeaseCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(
            operation,
            lease,
            (credentials, _) => new HttpRequestMessage(HttpMethod.Get, BuildApiUri(ResolveBaseAddress(credentials), credentials, path))
            {
                Headers = { Authorization = BasicAuth(credentials) },
            },
            replayable: true,
            typeInfo,
            cancellationToken).ConfigureAwait(false);
    }
}
