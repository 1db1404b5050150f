using Microsoft.Extensions.Configuration;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Cli.Configuration;

/// <summary>
/// Which section a command reads: <c>Cloudinary</c>, or with <c>--account NAME</c> the named account's
/// <c>Cloudinary:Accounts:NAME</c> (issue 15). The tool binds the unnamed <c>AddSecureCloudinary(section)</c> registration
/// to that section, so every message names the account's keys (<c>Cloudinary:Accounts:NAME:Vault:Path</c>).
/// </summary>
internal static class CliAccounts
{
    /// <summary>The unnamed configuration's section, as in an app's Program.cs.</summary>
    public const string RootSection = "Cloudinary";

    /// <summary>The key below <see cref="RootSection"/> that holds the named accounts.</summary>
    public const string AccountsKey = "Accounts";

    /// <summary>The section that holds the named accounts.</summary>
    public const string AccountsSection = RootSection + ":" + AccountsKey;

    /// <summary>The account names configured under <c>Cloudinary:Accounts</c>, in configuration order.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The names as the configuration spells them.</returns>
    public static IReadOnlyList<string> Names(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.GetSection(AccountsSection).GetChildren().Select(c => c.Key)];
    }

    /// <summary>Whether the unnamed <c>Cloudinary</c> section has settings besides <c>Accounts</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>True when some key of <c>Cloudinary</c> other than <c>Accounts</c> is set.</returns>
    public static bool HasUnnamedSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(RootSection).GetChildren()
            .Any(c => !string.Equals(c.Key, AccountsKey, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The section path of <paramref name="account"/>: <c>Cloudinary</c> for null, else <c>Cloudinary:Accounts:NAME</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="account">The account name from <c>--account</c>, or null.</param>
    /// <returns>The path, spelled as the configuration spells the account.</returns>
    /// <exception cref="ConfigurationLoadException">The account is not configured; the one-line message lists the accounts that are.</exception>
    public static string SectionPath(IConfiguration configuration, string? account)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (account is null)
        {
            return RootSection;
        }

        var name = account.Trim();
        if (name.Length == 0 || name.Contains(':', StringComparison.Ordinal))
        {
            throw new ConfigurationLoadException(
                $"--account must name an account: a key of {AccountsSection} (no ':'), e.g. --account marketing for {AccountsSection}:marketing.");
        }

        var names = Names(configuration);
        var found = names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (found is not null)
        {
            return $"{AccountsSection}:{found}";
        }

        if (names.Count == 0)
        {
            throw new ConfigurationLoadException(
                $"Unknown account '{name}' (--account): the configuration has no accounts (nothing under {AccountsSection}); "
                + $"add {AccountsSection}:{name}:Source and the account's settings, or run without --account.");
        }

        var nearest = UnknownConfigurationKeys.Nearest(name, names);
        throw new ConfigurationLoadException(
            $"Unknown account '{name}' (--account): the accounts under {AccountsSection} are {string.Join(", ", names)}"
            + (nearest is null ? "." : $"; did you mean '{nearest}'?"));
    }

    /// <summary>
    /// Builds the configuration (<see cref="CliConfiguration.Build"/>), checks the account, and applies <c>--source</c>
    /// to the chosen section (after every other override, so it wins as it does without an account).
    /// </summary>
    /// <param name="environment">The environment variables.</param>
    /// <param name="directory">The folder holding <c>appsettings.json</c>.</param>
    /// <param name="environmentName">The app environment, or null.</param>
    /// <param name="overrides">The command-line configuration overrides.</param>
    /// <param name="account">The account from <c>--account</c>, or null for the unnamed configuration.</param>
    /// <param name="source">The source from <c>--source</c>, or null.</param>
    /// <returns>The configuration and the section path to read.</returns>
    /// <exception cref="ConfigurationLoadException">A file is malformed or the account is unknown.</exception>
    public static (IConfigurationRoot Configuration, string SectionPath) Build(
        IReadOnlyDictionary<string, string?> environment,
        string directory,
        string? environmentName,
        IReadOnlyList<KeyValuePair<string, string?>> overrides,
        string? account,
        string? source)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        if (account is null)
        {
            var all = source is null ? overrides : [.. overrides, new($"{RootSection}:Source", source)];
            return (CliConfiguration.Build(environment, directory, environmentName, all), RootSection);
        }

        // The account must exist before --source is applied: the override alone would create its section.
        var configuration = CliConfiguration.Build(environment, directory, environmentName, overrides);
        var path = SectionPath(configuration, account);
        if (source is not null)
        {
            configuration = CliConfiguration.Build(environment, directory, environmentName, [.. overrides, new($"{path}:Source", source)]);
        }

        return (configuration, path);
    }

    /// <summary>How messages name an account: its name, or <c>(unnamed)</c> for the <c>Cloudinary</c> section.</summary>
    /// <param name="account">The account name, or null.</param>
    /// <returns>The display name.</returns>
    public static string Display(string? account) => account ?? "(unnamed)";
}
