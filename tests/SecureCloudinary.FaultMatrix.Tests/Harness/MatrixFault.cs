namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>The rows of the fault matrix, in table order.</summary>
public enum MatrixFault
{
    Http500,
    Http503,
    TooManyRequests,
    ConnectionRefused,
    Timeout,
    StallMidBody,
    MalformedJson,
    OversizedBody,
    WrongContentType,
    StoreTokenRevoked,
    SecretDeleted,
    FieldRemoved,
    MalformedSecretValue,
    CloudinaryKeyRotated,
}
