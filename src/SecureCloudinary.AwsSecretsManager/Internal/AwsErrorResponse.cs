namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// A failed Secrets Manager call: HTTP status, the sanitised error code and AWS's message. The message is never logged
/// nor put in an exception (an endpoint or proxy may echo the request, session token included); exceptions and logs
/// carry the code, the status and our own hint.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code">The error code, e.g. <c>ResourceNotFoundException</c>; empty when the response named none.</param>
/// <param name="Message">AWS's <c>Message</c>/<c>message</c> text, cut to 256 characters, or null.</param>
internal sealed record AwsErrorResponse(int StatusCode, string Code, string? Message = null)
{
    /// <summary>The response's <c>Date</c> header (the server's clock), or null.</summary>
    public DateTimeOffset? ServerDate { get; init; }

    /// <summary>The time the request was signed for (local clock plus the endpoint's offset).</summary>
    public DateTimeOffset SignedAt { get; init; }

    /// <summary>The response's <c>Retry-After</c> as a delay, or null.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
