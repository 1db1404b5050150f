namespace MinimalApi;

/// <summary>The answer of <c>GET /images/{publicId}/url</c>: a signed delivery URL (a capability: do not log it).</summary>
/// <param name="Url">The signed delivery URL.</param>
public sealed record DeliveryUrlResponse(string Url);
