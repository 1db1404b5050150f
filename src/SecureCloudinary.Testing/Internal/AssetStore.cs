namespace SecureCloudinary.Testing.Internal;

/// <summary>Assets keyed by resource type, delivery type and public id, kept in insertion order.</summary>
internal sealed class AssetStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string ResourceType, string Type, string PublicId), EmulatedAsset> _assets = [];
    private readonly List<EmulatedAsset> _ordered = [];
    private readonly Dictionary<string, byte[]> _content = new(StringComparer.Ordinal);

    public IReadOnlyList<EmulatedAsset> Snapshot()
    {
        lock (_lock)
        {
            return [.. _ordered];
        }
    }

    public EmulatedAsset? Find(string resourceType, string type, string publicId)
    {
        lock (_lock)
        {
            return _assets.GetValueOrDefault((resourceType, type, publicId));
        }
    }

    /// <summary>The kept bytes of an asset (only when the emulator serves delivered assets), or null.</summary>
    public byte[]? ContentOf(EmulatedAsset asset)
    {
        lock (_lock)
        {
            return _content.GetValueOrDefault(asset.AssetId);
        }
    }

    /// <summary>
    /// Stores <paramref name="asset"/> (and its <paramref name="content"/>, if kept), or returns the existing asset
    /// when <paramref name="overwrite"/> is false.
    /// </summary>
    public EmulatedAsset? Store(EmulatedAsset asset, bool overwrite, byte[]? content = null)
    {
        var key = (asset.ResourceType, asset.Type, asset.PublicId);
        lock (_lock)
        {
            if (_assets.TryGetValue(key, out var existing))
            {
                if (!overwrite)
                {
                    return existing;
                }

                _ordered.Remove(existing);
                _content.Remove(existing.AssetId);
            }

            _assets[key] = asset;
            _ordered.Add(asset);
            if (content is not null)
            {
                _content[asset.AssetId] = content;
            }

            return null;
        }
    }

    public bool Remove(string resourceType, string type, string publicId)
    {
        lock (_lock)
        {
            if (!_assets.Remove((resourceType, type, publicId), out var existing))
            {
                return false;
            }

            _ordered.Remove(existing);
            _content.Remove(existing.AssetId);
            return true;
        }
    }

    public (int Count, long Bytes) Totals()
    {
        lock (_lock)
        {
            return (_ordered.Count, _ordered.Sum(a => a.Bytes));
        }
    }
}
