using Microsoft.Extensions.Options;

namespace SecureCloudinary.Internal;

/// <summary>
/// Whether <c>Cloudinary:Source</c> selects a given backend. A backend validates its own options only then, so an
/// app that registers several backends but uses one does not fail on the others' settings.
/// </summary>
internal static class SourceSelection
{
    /// <summary>Reads the core options and compares their source name (trimmed, case-insensitive) with <paramref name="sourceName"/>.</summary>
    /// <param name="readOptions">Reads the current <see cref="SecureCloudinaryOptions"/>.</param>
    /// <param name="sourceName">The backend's source name.</param>
    /// <returns>
    /// True when the backend is selected; false otherwise, also when the core options themselves are invalid (the
    /// core's validator reports that).
    /// </returns>
    public static bool Selects(Func<SecureCloudinaryOptions> readOptions, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(readOptions);
        return Selects(_ => readOptions(), null, sourceName);
    }

    /// <summary>Whether the options of <paramref name="account"/> (null or empty: the unnamed account) select <paramref name="sourceName"/>.</summary>
    /// <param name="core">The core options monitor.</param>
    /// <param name="account">The account name, which is also the options name.</param>
    /// <param name="sourceName">The backend's source name.</param>
    /// <returns>True when the backend is selected for that account.</returns>
    public static bool Selects(IOptionsMonitor<SecureCloudinaryOptions> core, string? account, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(core);
        return Selects(name => core.Get(name), account, sourceName);
    }

    private static bool Selects(Func<string, SecureCloudinaryOptions> readOptions, string? account, string sourceName)
    {
        try
        {
            return string.Equals(readOptions(account ?? Options.DefaultName).Source?.Trim(), sourceName, StringComparison.OrdinalIgnoreCase);
        }
        catch (OptionsValidationException)
        {
            return false;
        }
    }
}
