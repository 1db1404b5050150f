namespace SecureCloudinary.Testing.AwsSecretsManager;

/// <summary>A request the Secrets Manager emulator answered. Holds no secret values and no signatures.</summary>
/// <param name="Operation">The operation from <c>X-Amz-Target</c>, e.g. <c>GetSecretValue</c> (empty when absent).</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="ErrorType">The error code answered, or null on success.</param>
/// <param name="AccessKeyId">The access key that signed the request, or null when authentication failed.</param>
/// <param name="SignedHeaders">The signed header names, or empty.</param>
/// <param name="SecretId">The <c>SecretId</c> in the request body, or null.</param>
public sealed record EmulatedSecretsManagerRequest(
    string Operation,
    int StatusCode,
    string? ErrorType,
    string? AccessKeyId,
    IReadOnlyList<string> SignedHeaders,
    string? SecretId);
