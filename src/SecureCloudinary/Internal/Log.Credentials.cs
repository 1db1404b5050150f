using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Internal;

/// <summary>Log messages of the core package (event ids 1000–1099). Never pass a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(
        EventId = 1000,
        EventName = "CredentialsLoaded",
        Level = LogLevel.Information,
        Message = "Loaded Cloudinary credentials from source {Source}: cloud {CloudName}, key fingerprint {Fingerprint}, version {Version}")]
    public static partial void CredentialsLoaded(
        this ILogger logger, string source, string cloudName, string fingerprint, string version);

    [LoggerMessage(
        EventId = 1001,
        EventName = "CredentialsUnavailable",
        Level = LogLevel.Error,
        Message = "No usable Cloudinary credentials: source {Source} failed ({Reason}, transient: {IsTransient}); callers get this failure without a new read for {RetryIn}")]
    public static partial void CredentialsUnavailable(
        this ILogger logger, string source, CredentialFailureReason reason, bool isTransient, TimeSpan retryIn, Exception exception);

    [LoggerMessage(
        EventId = 1002,
        EventName = "ResolvingOnStart",
        Level = LogLevel.Debug,
        Message = "Resolving Cloudinary credentials from source {Source} while the host starts")]
    public static partial void ResolvingOnStart(this ILogger logger, string source);

    [LoggerMessage(
        EventId = 1003,
        EventName = "CredentialsRotated",
        Level = LogLevel.Information,
        Message = "Cloudinary credentials from source {Source} changed: cloud {CloudName}, key fingerprint {OldFingerprint} -> {NewFingerprint}, version {Version}")]
    public static partial void CredentialsRotated(
        this ILogger logger, string source, string cloudName, string oldFingerprint, string newFingerprint, string version);

    [LoggerMessage(
        EventId = 1004,
        EventName = "RefreshFailedServingStale",
        Level = LogLevel.Warning,
        Message = "Refreshing Cloudinary credentials from source {Source} failed ({Reason}, transient: {IsTransient}); serving the credentials read at {LoadedAt:o} (fingerprint {Fingerprint}) until {UsableUntil}; next attempt in {RetryIn}")]
    public static partial void RefreshFailedServingStale(
        this ILogger logger,
        string source,
        CredentialFailureReason reason,
        bool isTransient,
        DateTimeOffset loadedAt,
        string fingerprint,
        string usableUntil,
        TimeSpan retryIn,
        Exception exception);

    [LoggerMessage(
        EventId = 1005,
        EventName = "CredentialsRefreshed",
        Level = LogLevel.Debug,
        Message = "Refreshed Cloudinary credentials from source {Source}: {Outcome} in {DurationMs} ms, version {Version}; next refresh in {NextRefreshIn}")]
    public static partial void CredentialsRefreshed(
        this ILogger logger, string source, string outcome, double durationMs, string version, TimeSpan nextRefreshIn);

    [LoggerMessage(
        EventId = 1006,
        EventName = "ForcedRefresh",
        Level = LogLevel.Information,
        Message = "Cloudinary rejected key fingerprint {Fingerprint}; reading the credentials from source {Source} again")]
    public static partial void ForcedRefresh(this ILogger logger, string source, string fingerprint);

    [LoggerMessage(
        EventId = 1007,
        EventName = "ForcedRefreshThrottled",
        Level = LogLevel.Debug,
        Message = "Cloudinary rejected key fingerprint {Fingerprint}, but source {Source} was read less than {MinimumInterval} ago (Cloudinary:MinimumForcedRefreshInterval); not reading it again yet")]
    public static partial void ForcedRefreshThrottled(this ILogger logger, string source, string fingerprint, TimeSpan minimumInterval);

    [LoggerMessage(
        EventId = 1020,
        EventName = "RotatedCredentialsRejected",
        Level = LogLevel.Warning,
        Message = "Cloudinary rejected the credentials newly read from source {Source} (cloud {CloudName}, key fingerprint {RejectedFingerprint}, version {RejectedVersion}) but accepts the previous ones (key fingerprint {Fingerprint}): using the previous credentials until the store holds a different value")]
    public static partial void RotatedCredentialsRejected(
        this ILogger logger, string source, string cloudName, string rejectedFingerprint, string rejectedVersion, string fingerprint);

    [LoggerMessage(
        EventId = 1021,
        EventName = "AccountsShareKey",
        Level = LogLevel.Warning,
        Message = "Cloudinary accounts {Account} and {OtherAccount} resolve to the same cloud {CloudName} and key (fingerprint {Fingerprint}): check that each account's settings point at its own store entry")]
    public static partial void AccountsShareKey(
        this ILogger logger, string account, string otherAccount, string cloudName, string fingerprint);
}
