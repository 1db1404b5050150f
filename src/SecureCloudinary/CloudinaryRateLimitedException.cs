using System.Net;

namespace SecureCloudinary;

/// <summary>
/// Cloudinary refused a call because a rate limit was reached (HTTP 420 or 429). <see cref="CloudinaryApiException.RetryAfter"/>
/// says how long Cloudinary asked to wait, when it said so; <see cref="CloudinaryApiException.RateLimit"/> carries the
/// rate-limit headers. The client does not retry by itself.
/// </summary>
public sealed class CloudinaryRateLimitedException : CloudinaryApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status (420 or 429).</param>
    /// <param name="message">The error message; must not contain a secret.</param>
    public CloudinaryRateLimitedException(HttpStatusCode statusCode, string message)
        : base(statusCode, message)
    {
    }
}
