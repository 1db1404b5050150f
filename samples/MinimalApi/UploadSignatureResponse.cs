namespace MinimalApi;

/// <summary>What the page needs for a signed direct upload; never the API secret.</summary>
/// <param name="CloudName">The cloud name.</param>
/// <param name="ApiKey">The API key (public).</param>
/// <param name="Timestamp">The signed Unix timestamp.</param>
/// <param name="Signature">The signature over <paramref name="Parameters"/>.</param>
/// <param name="UploadUrl">Where the browser posts the file.</param>
/// <param name="Parameters">The signed parameters (including <c>timestamp</c>), to send exactly as given.</param>
public sealed record UploadSignatureResponse(
    string CloudName, string ApiKey, long Timestamp, string Signature, Uri UploadUrl, IReadOnlyDictionary<string, string> Parameters);
