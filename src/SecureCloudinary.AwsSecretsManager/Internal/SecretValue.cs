namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>The parts of a GetSecretValue answer the source uses. <see cref="Text"/> is the secret: never log it.</summary>
/// <param name="VersionId">The version id.</param>
/// <param name="Text">SecretString, or SecretBinary decoded as UTF-8; empty when the answer had neither.</param>
/// <param name="BinaryNotText">Whether SecretBinary held bytes that are not UTF-8 text.</param>
internal sealed record SecretValue(string? VersionId, string Text, bool BinaryNotText = false)
{
    /// <summary>Never prints the secret text.</summary>
    public override string ToString() => $"SecretValue {{ VersionId = {VersionId} }}";
}
