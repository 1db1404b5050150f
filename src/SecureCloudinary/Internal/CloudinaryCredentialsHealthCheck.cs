using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureCloudinary.Internal;

/// <summary>
/// Healthy while fresh credentials are held, Degraded while stale ones are served after failed refreshes,
/// the registration's failure status (Unhealthy by default) when none are usable. Descriptions and data hold
/// source names, cloud names, key fingerprints, reasons and times, never a secret.
/// </summary>
internal sealed class CloudinaryCredentialsHealthCheck : IHealthCheck
{
    private readonly ICloudinaryCredentialProvider _provider;
    private readonly string? _account;

    public CloudinaryCredentialsHealthCheck(ICloudinaryCredentialProvider provider, string? account = null)
    {
        _provider = provider;
        _account = account;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await CheckCredentialsAsync(context, cancellationToken).ConfigureAwait(false);
        if (_account is null)
        {
            return result;
        }

        // A named account: say which, in the description and the data, so a report of several accounts reads clearly.
        var data = new Dictionary<string, object>(result.Data, StringComparer.Ordinal) { ["account"] = _account };
        return new HealthCheckResult(result.Status, $"Account {_account}: {result.Description}", result.Exception, data);
    }

    private async Task<HealthCheckResult> CheckCredentialsAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failureStatus = context.Registration.FailureStatus;
        if (_provider is not CloudinaryCredentialProvider cache)
        {
            return await CheckAnyProviderAsync(failureStatus, cancellationToken).ConfigureAwait(false);
        }

        var state = cache.GetHealthState();
        if (state.Current is null && state.LastFailure is null)
        {
            // Nothing tried yet (ResolveOnStart = false): try now, sharing any load in progress.
            try
            {
                await cache.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CloudinaryCredentialException)
            {
                // Reported from the state below.
            }

            state = cache.GetHealthState();
        }

        return Describe(cache.SourceName, state, failureStatus);
    }

    internal static HealthCheckResult Describe(string source, CredentialHealthState state, HealthStatus failureStatus)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["source"] = source,
            ["consecutiveFailures"] = state.ConsecutiveFailures,
        };
        if (state.LastFailure is { } failure)
        {
            data["lastFailureReason"] = failure.Reason.ToString();
            data["lastFailureAt"] = failure.At;
        }

        if (state.Current is not { } current)
        {
            var why = state.LastFailure is { } f ? $"{f.Reason}, {(f.IsTransient ? "transient" : "not transient")}, at {Time(f.At)}" : "not loaded";
            return new HealthCheckResult(failureStatus, $"No usable Cloudinary credentials: source {source} has not supplied any ({why}).", data: data);
        }

        var credentials = current.Snapshot.Credentials;
        data["cloudName"] = credentials.CloudName;
        data["fingerprint"] = credentials.Fingerprint;
        if (current.Snapshot.Version is { } version)
        {
            data["version"] = version;
        }

        data["loadedAt"] = current.LoadedAt;
        var read = $"source {source} (cloud {credentials.CloudName}, key fingerprint {credentials.Fingerprint}, version {current.Snapshot.Version ?? "(none)"}) read at {Time(current.LoadedAt)}";
        var pinned = string.Empty;
        if (state.Rejected is { } rejected)
        {
            data["rejectedFingerprint"] = rejected.Credentials.Fingerprint;
            if (rejected.Version is { } rejectedVersion)
            {
                data["rejectedVersion"] = rejectedVersion;
            }

            pinned = $" Cloudinary rejected the value the store holds now (key fingerprint {rejected.Credentials.Fingerprint}, version {rejected.Version ?? "(none)"}), so the previous credentials (key fingerprint {credentials.Fingerprint}) stay in use until the store holds a different value.";
        }

        if (state.LastFailure is not { } last)
        {
            return pinned.Length == 0
                ? HealthCheckResult.Healthy($"Fresh Cloudinary credentials from {read}.", data)
                : HealthCheckResult.Degraded($"Cloudinary credentials from {read}.{pinned}", data: data);
        }

        var failing = $"refreshing has failed {state.ConsecutiveFailures} time(s) since {Time(state.FirstFailureAt ?? last.At)} (last: {last.Reason}, {(last.IsTransient ? "transient" : "not transient")})";
        if (!state.IsUsable)
        {
            return new HealthCheckResult(
                failureStatus,
                $"No usable Cloudinary credentials: those from {read} are older than Cloudinary:MaxStaleness, and {failing}.",
                data: data);
        }

        var until = state.UsableUntil is { } u ? $"until {Time(u)} (Cloudinary:MaxStaleness)" : "until the source recovers (Cloudinary:MaxStaleness is Infinite)";
        return HealthCheckResult.Degraded($"Serving stale Cloudinary credentials from {read}: {failing}. They stay in use {until}.{pinned}", data: data);
    }

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<HealthCheckResult> CheckAnyProviderAsync(HealthStatus failureStatus, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await _provider.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["source"] = _provider.SourceName,
                ["cloudName"] = snapshot.Credentials.CloudName,
                ["fingerprint"] = snapshot.Credentials.Fingerprint,
            };
            if (snapshot.Version is { } version)
            {
                data["version"] = version;
            }

            return HealthCheckResult.Healthy(
                $"Cloudinary credentials available from source {_provider.SourceName} (key fingerprint {snapshot.Credentials.Fingerprint}).", data);
        }
        catch (CloudinaryCredentialException e)
        {
            return new HealthCheckResult(
                failureStatus,
                $"No usable Cloudinary credentials: source {_provider.SourceName} failed ({e.Reason}, {(e.IsTransient ? "transient" : "not transient")}).");
        }
    }
}
