namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// A failed Secrets Manager call: HTTP status, the sanitised error code and AWS's message. The message only goes to
/// Debug logs (it may name ARNs); exceptions carry the code and our own hint.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code">The error code, e.g. <c>ResourceNotFoundException</c>; empty when the response named none.</param>
/// <param name="Message">AWS's <c>Message</c>/<c>message</c> text, cut to 256 characters, or null.</param>
internal sealed record AwsErrorResponse(int StatusCode, string Code, string? Message = null);
