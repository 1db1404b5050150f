namespace SecureCloudinary.Testing.Conjur;

/// <summary>A request the Conjur emulator received. Holds no body and no token, so it is safe to print.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The raw request target (path and query, still percent-encoded) as the client sent it.</param>
/// <param name="StatusCode">The status code answered.</param>
/// <param name="AcceptedBase64">Whether the request carried <c>Accept-Encoding: base64</c>.</param>
public sealed record EmulatedConjurRequest(string Method, string Target, int StatusCode, bool AcceptedBase64);
