using System.Net;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>A Conjur answer: status, body (read only for 200) and whether the body is Base64 (<c>Content-Encoding: base64</c>).</summary>
internal readonly record struct ConjurReply(HttpStatusCode Status, byte[] Body, bool Base64);
