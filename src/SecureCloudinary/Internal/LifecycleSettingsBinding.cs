using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Internal;

/// <summary>
/// Binds the time-span settings of <see cref="SecureCloudinaryOptions"/> itself, because the configuration
/// binder cannot read <c>Infinite</c> as a <see cref="TimeSpan"/> and would report the raw value. The binder
/// sees the section through <see cref="HiddenKeysConfigurationSection"/>, which hides these keys from it.
/// </summary>
internal static class LifecycleSettingsBinding
{
    public const string RefreshInterval = nameof(SecureCloudinaryOptions.RefreshInterval);
    public const string MinimumForcedRefreshInterval = nameof(SecureCloudinaryOptions.MinimumForcedRefreshInterval);
    public const string MaxStaleness = nameof(SecureCloudinaryOptions.MaxStaleness);

    /// <summary>The keys this class binds and the configuration binder must not see.</summary>
    public static readonly string[] Keys = [RefreshInterval, MinimumForcedRefreshInterval, MaxStaleness];

    /// <summary>Reads the keys present in <paramref name="section"/> into <paramref name="options"/>; unreadable keys are recorded.</summary>
    public static void Apply(IConfiguration section, SecureCloudinaryOptions options)
    {
        foreach (var key in Keys)
        {
            var raw = section[key];
            if (raw is null)
            {
                continue;
            }

            if (!TryParse(raw, out var value))
            {
                options.UnreadableKeys.Add(key);
                continue;
            }

            switch (key)
            {
                case RefreshInterval:
                    options.RefreshInterval = value;
                    break;
                case MinimumForcedRefreshInterval:
                    options.MinimumForcedRefreshInterval = value;
                    break;
                default:
                    options.MaxStaleness = value;
                    break;
            }
        }
    }

    /// <summary>Parses <c>Infinite</c> (any case) or an invariant-culture time span such as <c>00:05:00</c> or <c>1.00:00:00</c>.</summary>
    public static bool TryParse(string raw, out TimeSpan value)
    {
        var text = raw.Trim();
        if (string.Equals(text, "Infinite", StringComparison.OrdinalIgnoreCase))
        {
            value = Timeout.InfiniteTimeSpan;
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
