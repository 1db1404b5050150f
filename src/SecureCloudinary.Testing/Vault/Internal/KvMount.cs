namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>A KV secrets engine mount: its version and secrets (path → versions, oldest first).</summary>
internal sealed class KvMount
{
    public required string Path { get; init; }

    public required int Version { get; init; }

    public Dictionary<string, List<KvEntryVersion>> Secrets { get; } = new(StringComparer.Ordinal);
}
