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
        Message = "No usable Cloudinary credentials: source {Source} failed ({Reason}, transient: {IsTransient})")]
    public static partial void CredentialsUnavailable(
        this ILogger logger, string source, CredentialFailureReason reason, bool isTransient, Exception exception);

    [LoggerMessage(
        EventId = 1002,
        EventName = "ResolvingOnStart",
        Level = LogLevel.Debug,
        Message = "Resolving Cloudinary credentials from source {Source} while the host starts")]
    public static partial void ResolvingOnStart(this ILogger logger, string source);
}
