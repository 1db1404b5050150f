using SecureCloudinary.Testing.Vault.Internal;

namespace SecureCloudinary.Testing.Vault;

public sealed partial class VaultEmulator
{
    /// <summary>Mounts a KV engine (replacing any mount at that path).</summary>
    /// <param name="mountPath">The mount path, e.g. <c>kv</c>.</param>
    /// <param name="version">1 or 2.</param>
    /// <param name="vaultNamespace">The namespace, or null for the root namespace.</param>
    public void EnableKv(string mountPath, int version, string? vaultNamespace = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, 2);
        var path = Clean(mountPath, nameof(mountPath));
        Set(() => _state.Namespace(vaultNamespace).KvMounts[path] = new KvMount { Path = path, Version = version });
    }

    /// <summary>Writes a secret: a new version on KV v2, a replacement on KV v1.</summary>
    /// <param name="mountPath">The KV mount.</param>
    /// <param name="path">The secret's path inside the mount.</param>
    /// <param name="data">The fields. On KV v1 a <c>ttl</c> field (seconds, or e.g. <c>1h</c>) becomes the lease duration.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    /// <returns>The new version number (KV v2), or 0 (KV v1).</returns>
    public int WriteSecret(string mountPath, string path, IReadOnlyDictionary<string, string> data, string? vaultNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var key = Clean(path, nameof(path));
        var copy = new Dictionary<string, string>(data, StringComparer.Ordinal);
        lock (_state.Lock)
        {
            var mount = Mount(mountPath, vaultNamespace);
            if (!mount.Secrets.TryGetValue(key, out var versions))
            {
                versions = [];
                mount.Secrets[key] = versions;
            }

            if (mount.Version == 1)
            {
                versions.Clear();
            }

            var number = versions.Count == 0 ? 1 : versions[^1].Number + 1;
            versions.Add(new KvEntryVersion { Number = number, Data = copy, CreatedTime = _state.Time.GetUtcNow() });
            return mount.Version == 2 ? number : 0;
        }
    }

    /// <summary>Soft-deletes a KV v2 version (the latest when <paramref name="version"/> is null), as <c>vault kv delete</c>.</summary>
    /// <param name="mountPath">The KV v2 mount.</param>
    /// <param name="path">The secret's path.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void SoftDeleteVersion(string mountPath, string path, int? version = null, string? vaultNamespace = null) =>
        WithVersion(mountPath, path, version, vaultNamespace, v => v.DeletionTime = _state.Time.GetUtcNow());

    /// <summary>Undeletes a soft-deleted KV v2 version.</summary>
    /// <param name="mountPath">The KV v2 mount.</param>
    /// <param name="path">The secret's path.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void UndeleteVersion(string mountPath, string path, int? version = null, string? vaultNamespace = null) =>
        WithVersion(mountPath, path, version, vaultNamespace, v => v.DeletionTime = null);

    /// <summary>Destroys a KV v2 version for good (the latest when <paramref name="version"/> is null).</summary>
    /// <param name="mountPath">The KV v2 mount.</param>
    /// <param name="path">The secret's path.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    public void DestroyVersion(string mountPath, string path, int? version = null, string? vaultNamespace = null) =>
        WithVersion(mountPath, path, version, vaultNamespace, v => v.Destroyed = true);

    /// <summary>Deletes a secret with all its versions and metadata.</summary>
    /// <param name="mountPath">The KV mount.</param>
    /// <param name="path">The secret's path.</param>
    /// <param name="vaultNamespace">The namespace, or null.</param>
    /// <returns>True when the secret existed.</returns>
    public bool DeleteSecret(string mountPath, string path, string? vaultNamespace = null)
    {
        var key = Clean(path, nameof(path));
        lock (_state.Lock)
        {
            return Mount(mountPath, vaultNamespace).Secrets.Remove(key);
        }
    }

    private void WithVersion(string mountPath, string path, int? version, string? vaultNamespace, Action<KvEntryVersion> change)
    {
        var key = Clean(path, nameof(path));
        lock (_state.Lock)
        {
            var mount = Mount(mountPath, vaultNamespace);
            if (mount.Version != 2 || !mount.Secrets.TryGetValue(key, out var versions) || versions.Count == 0)
            {
                throw new InvalidOperationException("No such KV v2 secret in the emulator.");
            }

            var entry = version is { } n ? versions.FirstOrDefault(v => v.Number == n) : versions[^1];
            change(entry ?? throw new InvalidOperationException("No such version in the emulator."));
        }
    }

    private KvMount Mount(string mountPath, string? vaultNamespace)
    {
        var path = Clean(mountPath, nameof(mountPath));
        return _state.Namespace(vaultNamespace).KvMounts.TryGetValue(path, out var mount)
            ? mount
            : throw new InvalidOperationException("No KV engine is mounted at that path in the emulator; call EnableKv first.");
    }
}
