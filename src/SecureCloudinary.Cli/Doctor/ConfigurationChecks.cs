using Microsoft.Extensions.Configuration;
using SecureCloudinary.AwsSecretsManager;
using SecureCloudinary.Cli.Configuration;
using SecureCloudinary.Conjur;
using SecureCloudinary.Internal;
using SecureCloudinary.Vault;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>
/// Reports every key of the <c>Cloudinary</c> section that no setting reads, the same way in every section (core,
/// Vault, Conjur, AwsSecretsManager): the full path and the nearest valid name. Uses the library's own check
/// (<see cref="UnknownConfigurationKeys"/>), which fails an app's start on the same keys.
/// </summary>
internal static class ConfigurationChecks
{
    private static readonly Lazy<ConfigurationKeySchema> Known = new(BuildSchema);

    /// <summary>Finds the unknown keys.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="sectionName">The checked section: <c>Cloudinary</c>, or an account's <c>Cloudinary:Accounts:NAME</c>.</param>
    /// <param name="sourceName">
    /// The selected source; a sub-section of that name that no built-in source owns belongs to a custom source, whose
    /// settings doctor cannot know, and is not checked.
    /// </param>
    /// <returns>One message per unknown key; empty when all are known.</returns>
    public static IReadOnlyList<string> Find(IConfiguration configuration, string sectionName, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var schema = Known.Value;
        var isRoot = string.Equals(sectionName, CliAccounts.RootSection, StringComparison.OrdinalIgnoreCase);
        if (isRoot || (!string.IsNullOrWhiteSpace(sourceName) && !schema.Children.ContainsKey(sourceName)))
        {
            var withCustom = new ConfigurationKeySchema();
            foreach (var (key, value) in schema.Children)
            {
                withCustom.Children[key] = value;
            }

            if (!string.IsNullOrWhiteSpace(sourceName) && !schema.Children.ContainsKey(sourceName))
            {
                withCustom.Children[sourceName] = null;
            }

            if (isRoot)
            {
                // Named accounts live below Cloudinary:Accounts; doctor --account NAME checks each one's section.
                withCustom.Children.TryAdd(CliAccounts.AccountsKey, null);
            }

            schema = withCustom;
        }

        var problems = new List<string>();
        UnknownConfigurationKeys.Check(configuration.GetSection(sectionName), schema, problems);
        return problems;
    }

    private static ConfigurationKeySchema BuildSchema()
    {
        var root = UnknownConfigurationKeys.CoreSchema();
        root.Children[VaultCredentialSourceOptions.SectionName] = ConfigurationKeySchema.FromType(typeof(VaultCredentialSourceOptions));
        root.Children[ConjurCredentialSourceOptions.SectionName] = ConfigurationKeySchema.FromType(typeof(ConjurCredentialSourceOptions));
        root.Children[AwsSecretsManagerCredentialSourceOptions.SectionName] = ConfigurationKeySchema.FromType(typeof(AwsSecretsManagerCredentialSourceOptions));
        return root;
    }
}
