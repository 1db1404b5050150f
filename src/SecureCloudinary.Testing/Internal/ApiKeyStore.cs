using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SecureCloudinary.Testing.Internal;

/// <summary>The emulator's API keys; safe to change while requests are served.</summary>
internal sealed class ApiKeyStore
{
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private readonly ConcurrentDictionary<string, ApiKeyEntry> _keys = new(StringComparer.Ordinal);

    public int Count => _keys.Count;

    public static string GenerateApiKey()
    {
        Span<char> digits = stackalloc char[15];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(digits);
    }

    public static string GenerateSecret() => RandomNumberGenerator.GetString(SecretAlphabet, 27);

    public ApiKeyEntry Add(string apiKey, string apiSecret) => Add(new ApiKeyEntry(apiKey, apiSecret));

    public ApiKeyEntry Add(ApiKeyEntry entry)
    {
        var apiKey = entry.ApiKey;
        if (!_keys.TryAdd(apiKey, entry))
        {
            throw new InvalidOperationException("The emulator already has an API key with that value.");
        }

        return entry;
    }

    public ApiKeyEntry? Find(string apiKey) => _keys.TryGetValue(apiKey, out var entry) ? entry : null;

    public void SetEnabled(string apiKey, bool enabled)
    {
        var entry = Find(apiKey) ?? throw new ArgumentException("The emulator has no such API key.", nameof(apiKey));
        entry.Enabled = enabled;
    }

    /// <summary>The secrets of the enabled keys (delivery URLs do not name a key, so any of them may have signed).</summary>
    public IEnumerable<string> EnabledSecrets() => _keys.Values.Where(k => k.Enabled).Select(k => k.ApiSecret);

    /// <summary>A snapshot of every key.</summary>
    public IReadOnlyList<ApiKeyEntry> All() => [.. _keys.Values];

    public bool Remove(string apiKey) => _keys.TryRemove(apiKey, out _);
}
