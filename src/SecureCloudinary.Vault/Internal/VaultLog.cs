using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Vault.Internal;

/// <summary>Log messages of the Vault package (event ids 1200–1299). Never pass a token, password or secret.</summary>
internal static partial class VaultLog
{
    [LoggerMessage(EventId = 1200, EventName = "VaultLoggedIn", Level = LogLevel.Information,
        Message = "Logged in to Vault with {Method} at auth/{Mount}: token TTL {TtlSeconds} s, renewable {Renewable}")]
    public static partial void LoggedIn(this ILogger logger, VaultAuthMethod method, string mount, long ttlSeconds, bool renewable);

    [LoggerMessage(EventId = 1201, EventName = "VaultTokenRenewed", Level = LogLevel.Debug,
        Message = "Renewed the Vault token: TTL {TtlSeconds} s")]
    public static partial void TokenRenewed(this ILogger logger, long ttlSeconds);

    [LoggerMessage(EventId = 1202, EventName = "VaultTokenRenewFailed", Level = LogLevel.Warning,
        Message = "Renewing the Vault token failed (HTTP {StatusCode}); {Action}")]
    public static partial void TokenRenewFailed(this ILogger logger, int statusCode, string action);

    [LoggerMessage(EventId = 1203, EventName = "VaultReLogin", Level = LogLevel.Information,
        Message = "Logging in to Vault again: {Reason}")]
    public static partial void ReLogin(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1204, EventName = "VaultTlsVerificationDisabled", Level = LogLevel.Warning,
        Message = "TLS certificate verification of the Vault server is DISABLED (Cloudinary:Vault:SkipTlsVerify / VAULT_SKIP_VERIFY). Use CaCertificateFile instead outside throw-away test setups.")]
    public static partial void TlsVerificationDisabled(this ILogger logger);

    [LoggerMessage(EventId = 1205, EventName = "VaultKvVersionDetected", Level = LogLevel.Debug,
        Message = "Vault mount {Mount} is KV version {KvVersion} ({How})")]
    public static partial void KvVersionDetected(this ILogger logger, string mount, int kvVersion, string how);

    [LoggerMessage(EventId = 1206, EventName = "VaultRetrying", Level = LogLevel.Warning,
        Message = "Vault request to {Path} failed ({Problem}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, string path, string problem, int retry, int maxRetries, long delayMs);

    [LoggerMessage(EventId = 1207, EventName = "VaultSecretRead", Level = LogLevel.Debug,
        Message = "Read Vault secret {Mount}/{Path} (KV v{KvVersion}, version {Version})")]
    public static partial void SecretRead(this ILogger logger, string mount, string path, int kvVersion, string version);

    [LoggerMessage(EventId = 1208, EventName = "VaultBackgroundRefreshFailed", Level = LogLevel.Warning,
        Message = "Background refresh of the Vault token failed ({Reason}); the next read tries again")]
    public static partial void BackgroundRefreshFailed(this ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 1209, EventName = "VaultLoginFailed", Level = LogLevel.Warning,
        Message = "Vault refused or failed the {Method} login at auth/{Mount} (HTTP {StatusCode})")]
    public static partial void LoginFailed(this ILogger logger, VaultAuthMethod method, string mount, int statusCode);

    [LoggerMessage(EventId = 1210, EventName = "VaultUnwrapFailed", Level = LogLevel.Warning,
        Message = "Vault could not unwrap the response-wrapped AppRole secret id (sys/wrapping/unwrap, HTTP {StatusCode})")]
    public static partial void UnwrapFailed(this ILogger logger, int statusCode);

    [LoggerMessage(EventId = 1211, EventName = "VaultTokenRefreshDeferred", Level = LogLevel.Warning,
        Message = "Refreshing the Vault token failed ({Reason}); keeping the current token, valid for {SecondsLeft} s more, and trying again later")]
    public static partial void RefreshDeferred(this ILogger logger, string reason, long secondsLeft);

    [LoggerMessage(EventId = 1220, EventName = "VaultRedirected", Level = LogLevel.Information,
        Message = "Vault at {From} redirected {Path} (HTTP {StatusCode}) to {To}, hop {Hop}; following it (a standby node points at the active node)")]
    public static partial void Redirected(this ILogger logger, string path, int statusCode, string from, string to, int hop);

    [LoggerMessage(EventId = 1221, EventName = "VaultRedirectRefused", Level = LogLevel.Warning,
        Message = "Vault at {From} redirected {Path} (HTTP {StatusCode}) to {To}; not followed")]
    public static partial void RedirectRefused(this ILogger logger, string path, int statusCode, string from, string to);
}
