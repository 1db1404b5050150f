using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureCloudinary.Internal;

/// <summary>
/// Calls Cloudinary's ping endpoint with the current credentials. The description names the status code or the
/// credential failure reason, never Cloudinary's message text (it can quote the API key).
/// </summary>
internal sealed class CloudinaryPingHealthCheck : IHealthCheck
{
    private readonly CloudinaryClient _client;
    private readonly TimeSpan _timeout;

    public CloudinaryPingHealthCheck(CloudinaryClient client, TimeSpan timeout)
    {
        _client = client;
        _timeout = timeout;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await _client.PingAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy("Cloudinary answered the ping with the current credentials.");
        }
        catch (CloudinaryApiException e)
        {
            var what = e.StatusCode is { } status
                ? $"HTTP {(int)status}{(e.IsAuthenticationFailure ? ": the credentials were rejected" : string.Empty)}"
                : "Cloudinary could not be reached";
            return new HealthCheckResult(context.Registration.FailureStatus, $"Cloudinary ping failed ({what}).");
        }
        catch (CloudinaryCredentialException e)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus, $"Cloudinary ping not sent: no usable credentials from source {e.SourceName} ({e.Reason}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Cloudinary ping timed out after {_timeout}.");
        }
    }
}
