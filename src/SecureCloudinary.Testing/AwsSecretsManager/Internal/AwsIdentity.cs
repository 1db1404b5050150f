namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>An access key the emulator accepts.</summary>
internal sealed class AwsIdentity(string accessKeyId, string secretAccessKey, string? sessionToken)
{
    public string AccessKeyId { get; } = accessKeyId;

    public string SecretAccessKey { get; } = secretAccessKey;

    public string? SessionToken { get; } = sessionToken;

    public bool Expired { get; set; }
}
