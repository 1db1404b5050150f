using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>Log messages of the Conjur package (event ids 1300–1399). Never pass a secret or token.</summary>
internal static partial class ConjurLog
{
    [LoggerMessage(EventId = 1300, EventName = "ConjurTokenIssued", Level = LogLevel.Debug,
        Message = "Obtained a Conjur access token with {Authenticator}, valid until {ExpiresAt:O}")]
    public static partial void TokenIssued(ILogger logger, string authenticator, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1301, EventName = "ConjurReauthenticating", Level = LogLevel.Information,
        Message = "Conjur rejected the cached access token (401); authenticating again with {Authenticator}")]
    public static partial void Reauthenticating(ILogger logger, string authenticator);

    [LoggerMessage(EventId = 1302, EventName = "ConjurRetrying", Level = LogLevel.Warning,
        Message = "Conjur request failed transiently; retry {Retry} of {MaxRetries} in {DelayMs} ms: {Problem}")]
    public static partial void Retrying(ILogger logger, int retry, int maxRetries, double delayMs, string problem);

    [LoggerMessage(EventId = 1303, EventName = "ConjurBatchSplit", Level = LogLevel.Information,
        Message = "Conjur rejected a batch URL of {Count} variables as too long (414); splitting it")]
    public static partial void BatchSplit(ILogger logger, int count);

    [LoggerMessage(EventId = 1304, EventName = "ConjurBatchFallback", Level = LogLevel.Debug,
        Message = "Conjur answered a batch of {Count} variables with {Status}; reading them one by one to find the failing one")]
    public static partial void BatchFallback(ILogger logger, int status, int count);

    [LoggerMessage(EventId = 1305, EventName = "ConjurSecretsRead", Level = LogLevel.Debug,
        Message = "Read {Count} Conjur variable(s) for source Conjur")]
    public static partial void SecretsRead(ILogger logger, int count);
}
