namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>One version of a KV v2 secret (or the single value of a KV v1 secret).</summary>
internal sealed class KvEntryVersion
{
    public required int Number { get; init; }

    public required IReadOnlyDictionary<string, string> Data { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    public DateTimeOffset? DeletionTime { get; set; }

    public bool Destroyed { get; set; }
}
