namespace SecureCloudinary.Testing;

/// <summary>
/// One request the <see cref="CloudinaryEmulator"/> received. Never holds the API secret or the signature.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, without query string.</param>
/// <param name="StatusCode">The status code of the response.</param>
/// <param name="ApiKey">The API key the request used (form field or Basic user name), if any.</param>
/// <param name="UploadId">The <c>X-Unique-Upload-Id</c> header of a chunked upload, if any.</param>
/// <param name="ContentRange">The <c>Content-Range</c> header of a chunked upload, if any.</param>
/// <param name="ErrorMessage">The error message returned, or <see langword="null"/> on success.</param>
/// <param name="Timestamp">When the request finished, by the emulator's clock.</param>
public sealed record EmulatedRequest(
    string Method,
    string Path,
    int StatusCode,
    string? ApiKey,
    string? UploadId,
    string? ContentRange,
    string? ErrorMessage,
    DateTimeOffset Timestamp);
