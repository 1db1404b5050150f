using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace SecureCloudinary.Internal;

/// <summary>A view of a configuration section in which some direct child keys do not exist (for the binder).</summary>
internal sealed class HiddenKeysConfigurationSection : IConfigurationSection
{
    private static readonly IConfigurationRoot Empty = new ConfigurationBuilder().Build();
    private readonly IConfigurationSection _inner;
    private readonly string[] _hidden;

    public HiddenKeysConfigurationSection(IConfigurationSection inner, string[] hidden)
    {
        _inner = inner;
        _hidden = hidden;
    }

    public string Key => _inner.Key;

    public string Path => _inner.Path;

    public string? Value
    {
        get => _inner.Value;
        set => _inner.Value = value;
    }

    public string? this[string key]
    {
        get => IsHidden(key) ? null : _inner[key];
        set => _inner[key] = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() => _inner.GetChildren().Where(c => !IsHidden(c.Key));

    public IChangeToken GetReloadToken() => _inner.GetReloadToken();

    public IConfigurationSection GetSection(string key) =>
        IsHidden(key) ? Empty.GetSection(ConfigurationPath.Combine(Path, key)) : _inner.GetSection(key);

    private bool IsHidden(string key)
    {
        foreach (var hidden in _hidden)
        {
            if (string.Equals(hidden, key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
