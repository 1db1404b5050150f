using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Internal;

/// <summary>
/// Finds the keys of a configuration section that no setting reads, with the nearest valid name: one message shape
/// for every section (core, Vault, Conjur, AwsSecretsManager), used at start-up and by <c>secure-cloudinary doctor</c>.
/// Only key paths are reported, never values.
/// </summary>
internal static class UnknownConfigurationKeys
{
    /// <summary>The keys of the <c>Cloudinary</c> section besides the options' properties: the Configuration source's keys.</summary>
    public static readonly IReadOnlyList<string> ConfigurationSourceKeys = ["Url", "CloudName", "ApiKey", "ApiSecret"];

    /// <summary>The core <c>Cloudinary</c> section: <see cref="SecureCloudinaryOptions"/>, the Configuration source's keys and <c>Provisioning</c>.</summary>
    /// <returns>A new schema; callers add the registered backends' sections.</returns>
    public static ConfigurationKeySchema CoreSchema()
    {
        var schema = ConfigurationKeySchema.FromType(typeof(SecureCloudinaryOptions));
        foreach (var key in ConfigurationSourceKeys)
        {
            schema.Children[key] = null;
        }

        var provisioning = new ConfigurationKeySchema();
        provisioning.Children["AccountUrl"] = null; // Provisioning:AccountUrl, read by secure-cloudinary rotate and revoke
        schema.Children["Provisioning"] = provisioning;
        return schema;
    }

    /// <summary>Adds one message per unknown key of <paramref name="section"/>, recursively.</summary>
    /// <param name="section">The section to check.</param>
    /// <param name="schema">The names it accepts.</param>
    /// <param name="problems">Receives the messages.</param>
    public static void Check(IConfigurationSection section, ConfigurationKeySchema schema, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var child in section.GetChildren())
        {
            if (schema.Children.TryGetValue(child.Key, out var nested))
            {
                if (nested is not null)
                {
                    Check(child, nested, problems);
                }

                continue;
            }

            problems.Add(Message(child.Path, section.Path, Nearest(child.Key, schema.Children.Keys)));
        }
    }

    /// <summary>The message for an unknown key: its full path, and the nearest valid name when one is close.</summary>
    /// <param name="path">The unknown key's full path.</param>
    /// <param name="parentPath">The path of the section it is in.</param>
    /// <param name="nearest">The nearest valid name in that section, or null.</param>
    /// <returns>The message.</returns>
    public static string Message(string path, string parentPath, string? nearest) =>
        nearest is null
            ? $"{path} is not a setting."
            : $"{path} is not a setting; did you mean {ConfigurationPath.Combine(parentPath, nearest)}?";

    /// <summary>The closest name by edit distance (case-insensitive), if close enough to be a likely typo.</summary>
    /// <param name="name">The unknown name.</param>
    /// <param name="candidates">The valid names.</param>
    /// <returns>The nearest candidate, or null when none is close.</returns>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
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
}
