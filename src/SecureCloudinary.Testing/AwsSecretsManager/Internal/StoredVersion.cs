namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>One version of a secret: exactly one of <see cref="Text"/> and <see cref="Binary"/> is set.</summary>
internal sealed class StoredVersion(string id, string? text, byte[]? binary, DateTimeOffset created)
{
    public string Id { get; } = id;

    public string? Text { get; } = text;

    public byte[]? Binary { get; } = binary;

    public DateTimeOffset Created { get; } = created;

    public List<string> Stages { get; } = [];

    public bool SameData(string? text, byte[]? binary) =>
        string.Equals(Text, text, StringComparison.Ordinal)
        && (Binary is null ? binary is null : binary is not null && Binary.AsSpan().SequenceEqual(binary));
}
