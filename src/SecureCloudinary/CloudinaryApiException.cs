using System.Net;
using SecureCloudinary.Models;

namespace SecureCloudinary;

/// <summary>
/// Cloudinary answered with an error, or could not be reached. The message is Cloudinary's own error message
/// (checked to contain no secret) or a description of the transport failure.
/// </summary>
public class CloudinaryApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status, or null when no response was received.</param>
    /// <param name="message">The error message; must not contain a secret.</param>
    /// <param name="innerException">The underlying transport error, if any.</param>
    public CloudinaryApiException(HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status Cloudinary answered with, or null when no response was received.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// Whether Cloudinary rejected the credentials (HTTP 401: unknown or disabled API key, invalid signature).
    /// A rotated key is the usual cause.
    /// </summary>
    public bool IsAuthenticationFailure => StatusCode == HttpStatusCode.Unauthorized;

    /// <summary>
    /// Whether Cloudinary refused the call because of a rate limit (HTTP 420 or 429); see <see cref="RetryAfter"/>.
    /// The client throws these as <see cref="CloudinaryRateLimitedException"/>.
    /// </summary>
    public bool IsRateLimited => StatusCode is (HttpStatusCode)420 or HttpStatusCode.TooManyRequests;

    /// <summary>The <c>X-Request-Id</c> Cloudinary returned, for support tickets, or null.</summary>
    public string? RequestId { get; init; }

    /// <summary>How long Cloudinary asked to wait before retrying (rate limits), or null.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The <c>X-FeatureRateLimit-*</c> headers of the error response, or null when it had none.</summary>
    public CloudinaryRateLimit? RateLimit { get; init; }
}
