namespace SecureCloudinary;

/// <summary>
/// Everything <c>AddSecureCloudinary</c> reads from the <c>Cloudinary</c> configuration section besides the
/// credentials themselves, which the selected source supplies.
/// </summary>
public class SecureCloudinaryOptions : CloudinaryClientOptions
{
    /// <summary>The name of the source used when <see cref="Source"/> is not set.</summary>
    public const string DefaultSource = "Environment";

    /// <summary>
    /// Which registered credential source supplies the credentials (<c>Cloudinary:Source</c>):
    /// <c>Environment</c> (default), <c>Configuration</c>, or a backend such as <c>AwsSecretsManager</c>,
    /// <c>Vault</c> or <c>Conjur</c> once its package is added.
    /// </summary>
    public string Source { get; set; } = DefaultSource;

    /// <summary>
    /// Whether the credentials are resolved while the host starts (<c>Cloudinary:ResolveOnStart</c>, default
    /// true), so missing or invalid settings stop the start with a clear message. When false, the first call
    /// that needs credentials resolves them.
    /// </summary>
    public bool ResolveOnStart { get; set; } = true;

    /// <summary>
    /// How often the credentials are read again from the source (<c>Cloudinary:RefreshInterval</c>, default
    /// 5 minutes, at least 1 second). Each wait varies by ±10% so a fleet of instances does not hit the store in
    /// step; the first wait after start-up or after a refresh forced by a 401 is drawn from 10%–110% of the
    /// interval, so instances that read the store together drift apart at once. A source that reports an expiry is
    /// asked sooner.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The shortest time between two refreshes forced by Cloudinary rejecting the credentials (HTTP 401)
    /// (<c>Cloudinary:MinimumForcedRefreshInterval</c>, default 10 seconds; zero disables the limit).
    /// </summary>
    public TimeSpan MinimumForcedRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest time an instance with these options can take to start using credentials written to the store:
    /// one <see cref="RefreshInterval"/> plus its 10% jitter (the longest scheduled wait) plus
    /// <see cref="MinimumForcedRefreshInterval"/> (a refresh forced just before the write may hold the next forced
    /// one back that long). Key rotation waits this long by default before disabling the old key
    /// (<c>secure-cloudinary rotate</c> without <c>--wait</c>). Computed from the other settings; not a configuration key.
    /// </summary>
    public TimeSpan RotationPickupTime => RefreshInterval + (RefreshInterval / 10) + MinimumForcedRefreshInterval;

    /// <summary>
    /// How long after the last successful read the credentials may still be used while the source cannot be
    /// reached (<c>Cloudinary:MaxStaleness</c>, default 24 hours, at least <see cref="RefreshInterval"/>).
    /// <see cref="Timeout.InfiniteTimeSpan"/> (<c>Infinite</c> in configuration) keeps serving them for ever.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Configuration keys whose value could not be read as a time span (filled by binding, reported by validation).</summary>
    internal List<string> UnreadableKeys { get; } = [];
}
