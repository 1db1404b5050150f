using System.Reflection;
using Microsoft.Extensions.Configuration;
using SecureCloudinary.AwsSecretsManager;
using SecureCloudinary.Conjur;
using SecureCloudinary.Vault;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>
/// Reports every key of the <c>Cloudinary</c> section that no setting reads, the same way in every section (core,
/// Vault, Conjur, AwsSecretsManager): the full path and the nearest valid name. A misspelt key would otherwise be
/// silently ignored and the default used.
/// </summary>
internal static class ConfigurationChecks
{
    /// <summary>The settings of the <c>Cloudinary</c> section besides the options' properties: the Configuration source's keys.</summary>
    private static readonly string[] ConfigurationSourceKeys = ["Url", "CloudName", "ApiKey", "ApiSecret"];

    private static readonly Lazy<Schema> Known = new(BuildSchema);

    /// <summary>Finds the unknown keys.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="sectionName">The <c>Cloudinary</c> section's name.</param>
    /// <param name="sourceName">
    /// The selected source; a sub-section of that name that no built-in source owns belongs to a custom source, whose
    /// settings doctor cannot know, and is not checked.
    /// </param>
    /// <returns>One message per unknown key; empty when all are known.</returns>
    public static IReadOnlyList<string> Find(IConfiguration configuration, string sectionName, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        Check(configuration.GetSection(sectionName), Known.Value, problems, sourceName);
        return problems;
    }

    private static void Check(IConfigurationSection section, Schema schema, List<string> problems, string? customSection = null)
    {
        foreach (var child in section.GetChildren())
        {
            if (customSection is not null && string.Equals(child.Key, customSection, StringComparison.OrdinalIgnoreCase) && !schema.Children.ContainsKey(child.Key))
            {
                continue;
            }

            if (schema.Children.TryGetValue(child.Key, out var nested))
            {
                if (nested is not null)
                {
                    Check(child, nested, problems);
                }

                continue;
            }

            var nearest = Nearest(child.Key, schema.Children.Keys);
            problems.Add(nearest is null
                ? $"{child.Path} is not a setting."
                : $"{child.Path} is not a setting; did you mean {ConfigurationPath.Combine(section.Path, nearest)}?");
        }
    }

    /// <summary>The closest name by edit distance (case-insensitive), if close enough to be a likely typo.</summary>
    internal static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());

            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static Schema BuildSchema()
    {
        var root = FromType(typeof(SecureCloudinaryOptions));
        foreach (var key in ConfigurationSourceKeys)
        {
            root.Children[key] = null;
        }

        root.Children[VaultCredentialSourceOptions.SectionName] = FromType(typeof(VaultCredentialSourceOptions));
        root.Children["Conjur"] = FromType(typeof(ConjurCredentialSourceOptions));
        root.Children[AwsSecretsManagerCredentialSourceOptions.SectionName] = FromType(typeof(AwsSecretsManagerCredentialSourceOptions));
        return root;
    }

    /// <summary>The keys the configuration binder reads into <paramref name="type"/>: public properties it can set or fill.</summary>
    private static Schema FromType(Type type)
    {
        var schema = new Schema();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var isLeaf = propertyType.IsPrimitive || propertyType.IsEnum || propertyType == typeof(string) || propertyType == typeof(Uri)
                || propertyType == typeof(TimeSpan) || propertyType == typeof(decimal);
            if (isLeaf)
            {
                if (property.SetMethod is { IsPublic: true })
                {
                    schema.Children[property.Name] = null;
                }
            }
            else if (propertyType.IsClass && propertyType.Namespace?.StartsWith("SecureCloudinary", StringComparison.Ordinal) == true && propertyType != type)
            {
                schema.Children[property.Name] = FromType(propertyType);
            }
        }

        return schema;
    }

    private sealed class Schema
    {
        public Dictionary<string, Schema?> Children { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
