using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecureCloudinary;
using SecureCloudinary.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks for SecureCloudinary: credential freshness and, optionally, a Cloudinary ping.</summary>
public static class SecureCloudinaryHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the cached Cloudinary credentials: Healthy while fresh, Degraded while stale credentials are
    /// served because refreshing fails (the description says since when and why), <paramref name="failureStatus"/>
    /// (Unhealthy by default) when none are usable. Sends nothing to Cloudinary.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <c>securecloudinary</c>).</param>
    /// <param name="failureStatus">The status when no credentials are usable; Unhealthy when null.</param>
    /// <param name="tags">Tags for filtering checks, e.g. <c>ready</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddSecureCloudinary(
        this IHealthChecksBuilder builder,
        string name = "securecloudinary",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new CloudinaryCredentialsHealthCheck(sp.GetRequiredService<ICloudinaryCredentialProvider>()),
            failureStatus,
            tags));
    }

    /// <summary>
    /// Adds a check that calls Cloudinary's ping endpoint with the current credentials: Healthy when Cloudinary
    /// answers, <paramref name="failureStatus"/> (Unhealthy by default) otherwise. Each run is one Admin API call,
    /// which counts against Cloudinary's rate limit: run it rarely.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <c>securecloudinary-ping</c>).</param>
    /// <param name="failureStatus">The status when the ping fails; Unhealthy when null.</param>
    /// <param name="tags">Tags for filtering checks.</param>
    /// <param name="timeout">How long to wait for Cloudinary (default 10 seconds).</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddSecureCloudinaryPing(
        this IHealthChecksBuilder builder,
        string name = "securecloudinary-ping",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var wait = timeout ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(timeout));
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new CloudinaryPingHealthCheck(sp.GetRequiredService<CloudinaryClient>(), wait),
            failureStatus,
            tags));
    }

    /// <summary>
    /// Adds the credentials check (see <see cref="AddSecureCloudinary(IHealthChecksBuilder, string, HealthStatus?, IEnumerable{string}?)"/>)
    /// of a named account added with <c>AddSecureCloudinary(account, …)</c>. Its data carries <c>account</c> besides the
    /// source and fingerprint.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="account">The account name.</param>
    /// <param name="name">The check's name (default <c>securecloudinary-{account}</c>).</param>
    /// <param name="failureStatus">The status when no credentials are usable; Unhealthy when null.</param>
    /// <param name="tags">Tags for filtering checks.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddSecureCloudinaryAccount(
        this IHealthChecksBuilder builder,
        string account,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        return builder.Add(new HealthCheckRegistration(
            name ?? "securecloudinary-" + account,
            sp => new CloudinaryCredentialsHealthCheck(sp.GetRequiredKeyedService<ICloudinaryCredentialProvider>(account), account),
            failureStatus,
            tags));
    }

    /// <summary>
    /// Adds the ping check (see <see cref="AddSecureCloudinaryPing"/>) of a named account added with
    /// <c>AddSecureCloudinary(account, …)</c>. Each run is one Admin API call on that account: run it rarely.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="account">The account name.</param>
    /// <param name="name">The check's name (default <c>securecloudinary-{account}-ping</c>).</param>
    /// <param name="failureStatus">The status when the ping fails; Unhealthy when null.</param>
    /// <param name="tags">Tags for filtering checks.</param>
    /// <param name="timeout">How long to wait for Cloudinary (default 10 seconds).</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddSecureCloudinaryAccountPing(
        this IHealthChecksBuilder builder,
        string account,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        var wait = timeout ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(timeout));
        return builder.Add(new HealthCheckRegistration(
            name ?? $"securecloudinary-{account}-ping",
            sp => new CloudinaryPingHealthCheck(sp.GetRequiredKeyedService<CloudinaryClient>(account), wait),
            failureStatus,
            tags));
    }
}
