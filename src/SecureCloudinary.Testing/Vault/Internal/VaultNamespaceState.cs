namespace SecureCloudinary.Testing.Vault.Internal;

/// <summary>Everything that lives in one Vault namespace (the root namespace is <c>""</c>).</summary>
internal sealed class VaultNamespaceState
{
    public Dictionary<string, KvMount> KvMounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AuthMount> AuthMounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Finds the KV mount whose path is the longest prefix of <paramref name="path"/>.</summary>
    public KvMount? FindMount(string path, out string rest)
    {
        KvMount? best = null;
        rest = path;
        foreach (var mount in KvMounts.Values)
        {
            if ((path == mount.Path || path.StartsWith(mount.Path + "/", StringComparison.Ordinal))
                && (best is null || mount.Path.Length > best.Path.Length))
            {
                best = mount;
                rest = path.Length > mount.Path.Length ? path[(mount.Path.Length + 1)..] : string.Empty;
            }
        }

        return best;
    }
}
