using Microsoft.Extensions.Logging;

namespace SecureCloudinary;

public partial class CloudinaryClient
{
    // Event ids 1400-1499. Never log secrets, signatures, request bodies or URLs with signatures.
    [LoggerMessage(1400, LogLevel.Debug, "Sending Cloudinary {Operation} request to {Host} for cloud {CloudName} with key {KeyFingerprint}.")]
    private static partial void LogSending(ILogger logger, string operation, string host, string cloudName, string keyFingerprint);

    [LoggerMessage(1401, LogLevel.Debug, "Cloudinary {Operation} succeeded with HTTP {StatusCode}.")]
    private static partial void LogSucceeded(ILogger logger, string operation, int statusCode);

    [LoggerMessage(1402, LogLevel.Warning, "Cloudinary {Operation} failed with HTTP {StatusCode} (key {KeyFingerprint}).")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, string keyFingerprint);

    [LoggerMessage(1403, LogLevel.Warning, "Cloudinary {Operation} could not reach {Host}: {ErrorKind}.")]
    private static partial void LogTransportFailed(ILogger logger, string operation, string host, string errorKind);

    [LoggerMessage(1404, LogLevel.Information, "Cloudinary rejected the {Operation} request as stale; retrying once with a fresh timestamp.")]
    private static partial void LogStaleRetry(ILogger logger, string operation);

    [LoggerMessage(1405, LogLevel.Warning, "Cloudinary's {Operation} response body exceeded the limit of {MaxBytes} bytes.")]
    private static partial void LogBodyTooLarge(ILogger logger, string operation, int maxBytes);

    [LoggerMessage(1406, LogLevel.Debug, "Chunked upload {UploadId}: sending bytes {Start}-{End} of {Total}.")]
    private static partial void LogChunk(ILogger logger, string uploadId, long start, long end, string total);

    [LoggerMessage(1407, LogLevel.Information, "Cloudinary rejected key {OldKeyFingerprint} for {Operation}; retrying once with the refreshed key {NewKeyFingerprint}.")]
    private static partial void LogRotatedRetry(ILogger logger, string operation, string oldKeyFingerprint, string newKeyFingerprint);

    [LoggerMessage(1408, LogLevel.Warning, "Cloudinary rejected the {Operation} request; the credentials were refreshed (key {NewKeyFingerprint}) but the request body cannot be sent again, so it is not repeated.")]
    private static partial void LogRotatedNoReplay(ILogger logger, string operation, string newKeyFingerprint);

    [LoggerMessage(1450, LogLevel.Warning, "Cloudinary answered the {Operation} request to {Host} with a redirect (HTTP {StatusCode}); redirects are not followed.")]
    private static partial void LogRedirectRefused(ILogger logger, string operation, string host, int statusCode);

    [LoggerMessage(1451, LogLevel.Warning, "Cloudinary's clock is {OffsetSeconds} s ahead of ours (response Date of a stale {Operation} request); signatures now use the corrected time.")]
    private static partial void LogClockOffset(ILogger logger, string operation, long offsetSeconds);

    [LoggerMessage(1452, LogLevel.Warning, "Cloudinary rate-limited the {Operation} request (HTTP {StatusCode}, Retry-After {RetryAfterSeconds} s; -1 when not given).")]
    private static partial void LogRateLimited(ILogger logger, string operation, int statusCode, double retryAfterSeconds);

    [LoggerMessage(1453, LogLevel.Information, "The credentials changed during chunked upload {UploadId} (key {NewKeyFingerprint}); restarting it from the first chunk as upload {NewUploadId}.")]
    private static partial void LogChunkedRestart(ILogger logger, string uploadId, string newUploadId, string newKeyFingerprint);
}
