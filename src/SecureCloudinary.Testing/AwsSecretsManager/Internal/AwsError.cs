using System.Net;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>Ends a request with an awsJson error: status, <c>__type</c> and message (never a secret).</summary>
internal sealed class AwsError(HttpStatusCode statusCode, string type, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string Type { get; } = type;

    public static AwsError Client(string type, string message) => new(HttpStatusCode.BadRequest, type, message);

    public static AwsError NotFound(string message = "Secrets Manager can't find the specified secret.") =>
        Client("ResourceNotFoundException", message);

    public static AwsError InvalidParameter(string message) => Client("InvalidParameterException", message);

    public static AwsError InvalidSignature(string message) => Client("InvalidSignatureException", message);

    public static AwsError UnrecognizedClient() =>
        Client("UnrecognizedClientException", "The security token included in the request is invalid.");
}
