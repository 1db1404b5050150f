using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace SecureCloudinary.Internal;

/// <summary>
/// The configuration keys a section accepts: each name, and for a nested object its own schema (null for a leaf, or
/// for a sub-section whose keys are not checked).
/// </summary>
internal sealed class ConfigurationKeySchema
{
    /// <summary>The accepted names, case-insensitive like configuration keys.</summary>
    public Dictionary<string, ConfigurationKeySchema?> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys the configuration binder reads into <paramref name="type"/>: public properties it can set or fill.</summary>
    /// <param name="type">An options type.</param>
    /// <returns>Its schema; nested SecureCloudinary option objects get their own.</returns>
    public static ConfigurationKeySchema FromType([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Build(type);
    }

    [UnconditionalSuppressMessage(
        "Trimming",
        "IL2070",
        Justification = "Options types and the option objects nested in them keep their public properties: the configuration binder that binds them requires it.")]
    private static ConfigurationKeySchema Build(Type type)
    {
        var schema = new ConfigurationKeySchema();
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
                schema.Children[property.Name] = Build(propertyType);
            }
        }

        return schema;
    }
}
