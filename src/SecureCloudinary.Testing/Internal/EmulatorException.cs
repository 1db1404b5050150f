using System.Net;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Ends request handling with a Cloudinary-shaped error response. Messages never contain secrets.</summary>
internal sealed class EmulatorException(HttpStatusCode statusCode, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public static EmulatorException BadRequest(string message) => new(HttpStatusCode.BadRequest, message);

    public static EmulatorException Unauthorized(string message) => new(HttpStatusCode.Unauthorized, message);

    public static EmulatorException MissingParameter(string name) =>
        new(HttpStatusCode.BadRequest, $"Missing required parameter - {name}");
}
