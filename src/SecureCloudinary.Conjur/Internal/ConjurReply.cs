using System.Net;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// A Conjur answer: status, body (read only for 200), whether the body is Base64 (<c>Content-Encoding: base64</c>)
/// and the media type of its <c>Content-Type</c>.
/// </summary>
internal readonly record struct ConjurReply(HttpStatusCode Status, byte[] Body, bool Base64, string? MediaType = null);
