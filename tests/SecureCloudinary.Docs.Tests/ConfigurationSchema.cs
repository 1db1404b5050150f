using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SecureCloudinary.Docs.Tests;

/// <summary>
/// Builds the JSON schema segments of the <c>Cloudinary</c> configuration section from the options types and their XML
/// documentation: one segment per package (core, AWS Secrets Manager, Vault, Conjur), each describing only the keys
/// that package binds, in the shape Visual Studio merges into its appsettings.json schema.
/// </summary>
internal static partial class ConfigurationSchema
{
    /// <summary>The JSON written for the schema files: indented, with a trailing newline.</summary>
    public static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>What the schema accepts for a <see cref="TimeSpan"/>: configuration's <c>[d.]hh:mm[:ss[.fffffff]]</c>.</summary>
    public const string TimeSpanPattern = @"^-?(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d{1,7})?)?$";

    /// <summary>
    /// What the schema accepts for a <see cref="TimeSpan"/> that may also be <c>Infinite</c> (in any case, as the core's
    /// LifecycleSettingsBinding reads it); JSON schema patterns have no case-insensitive flag.
    /// </summary>
    public const string InfiniteOrTimeSpanPattern = @"^([Ii][Nn][Ff][Ii][Nn][Ii][Tt][Ee]|-?(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d{1,7})?)?)$";

    /// <summary>The settings whose configuration value may be <c>Infinite</c>: only <c>Cloudinary:MaxStaleness</c> (the start rejects it elsewhere).</summary>
    private static readonly HashSet<(Type, string)> AcceptsInfinite = [(typeof(SecureCloudinaryOptions), nameof(SecureCloudinaryOptions.MaxStaleness))];

    /// <summary>
    /// The schema segment for an options type bound from <paramref name="sectionPath"/> (e.g. <c>Cloudinary:Vault</c>),
    /// with <paramref name="extraProperties"/> (keys read straight from configuration) beside the type's own.
    /// </summary>
    public static JsonObject Segment(Type optionsType, string sectionPath, string title, IReadOnlyDictionary<string, JsonObject>? extraProperties = null)
    {
        var section = ObjectSchema(optionsType, Activator.CreateInstance(optionsType), strict: extraProperties is null);
        if (extraProperties is not null)
        {
            var properties = (JsonObject)section["properties"]!;
            foreach (var (name, schema) in extraProperties)
            {
                properties[name] = schema;
            }
        }

        // Wrap the section in its parents: { "properties": { "Cloudinary": { "properties": { "Vault": ... } } } }.
        JsonObject node = section;
        var names = sectionPath.Split(':');
        for (var i = names.Length - 1; i >= 0; i--)
        {
            node = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { [names[i]] = node } };
        }

        var segment = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = title,
        };
        foreach (var (key, value) in node)
        {
            segment[key] = value?.DeepClone();
        }

        return segment;
    }

    /// <summary>The configuration key below <c>Cloudinary</c> that holds the named accounts (<c>Cloudinary:Accounts:{name}</c>).</summary>
    public const string AccountsKey = "Accounts";

    /// <summary>
    /// Adds <c>Cloudinary:Accounts</c> to a segment: an object whose every value (one named account) accepts the keys
    /// this segment describes directly below <c>Cloudinary</c>. The core segment thus gives each account the core keys,
    /// and each backend segment its own sub-section (<c>Cloudinary:Accounts:{name}:Vault</c>), exactly as at the top
    /// level; the editor merges the segments, so an account gets the keys of every package installed. Only the core
    /// segment passes <paramref name="description"/>; it also forbids an <c>Accounts</c> key inside an account.
    /// </summary>
    public static JsonObject WithAccounts(JsonObject segment, string? description = null)
    {
        var cloudinary = (JsonObject)segment["properties"]!["Cloudinary"]!;
        var properties = (JsonObject)cloudinary["properties"]!;
        if (properties.ContainsKey(AccountsKey))
        {
            throw new InvalidOperationException($"The segment already has Cloudinary:{AccountsKey}.");
        }

        // An account's section is complete on its own: it has what the top-level section has, except Accounts.
        var account = new JsonObject { ["type"] = "object", ["properties"] = properties.DeepClone() };
        var accounts = new JsonObject();
        if (description is not null)
        {
            accounts["description"] = description;

            // Accounts do not nest: the start fails on Cloudinary:Accounts:{name}:Accounts, so the editor flags it too.
            account["not"] = new JsonObject { ["required"] = new JsonArray(AccountsKey) };
        }

        accounts["type"] = "object";
        accounts["additionalProperties"] = account;
        properties[AccountsKey] = accounts;
        return segment;
    }

    /// <summary>Serialises a segment exactly as the committed file holds it.</summary>
    public static string ToText(JsonObject segment) => segment.ToJsonString(WriteOptions).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    private static JsonObject ObjectSchema(Type type, object? instance, bool strict)
    {
        var properties = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = instance is null ? null : property.GetValue(instance);
            if (PropertySchema(property.PropertyType, value) is not { } schema)
            {
                continue;   // not bindable from configuration (a delegate, a TimeProvider...)
            }

            if (AcceptsInfinite.Contains((property.DeclaringType!, property.Name)))
            {
                schema["pattern"] = InfiniteOrTimeSpanPattern;
            }

            if (Documentation.Summary(property) is { Length: > 0 } description)
            {
                schema.Insert(0, "description", description);
            }

            properties[property.Name] = schema;
        }

        var result = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (strict)
        {
            // An unknown key in a backend section fails the start (UnknownConfigurationKeysValidator), so the editor flags it too.
            result["additionalProperties"] = false;
        }

        return result;
    }

    private static JsonObject? PropertySchema(Type declared, object? value)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        JsonObject? schema = type switch
        {
            _ when type == typeof(string) => new JsonObject { ["type"] = "string" },
            _ when type == typeof(bool) => new JsonObject { ["type"] = "boolean" },
            _ when type == typeof(int) || type == typeof(long) => new JsonObject { ["type"] = "integer" },
            _ when type == typeof(double) => new JsonObject { ["type"] = "number" },
            _ when type == typeof(TimeSpan) => new JsonObject { ["type"] = "string", ["pattern"] = TimeSpanPattern },
            _ when type == typeof(Uri) => new JsonObject { ["type"] = "string", ["format"] = "uri" },
            _ when type.IsEnum => new JsonObject { ["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)n).ToArray()) },
            _ when IsStringDictionary(type) => new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
            _ when IsStringList(type) => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            _ when type.IsClass && type.Namespace?.StartsWith("SecureCloudinary", StringComparison.Ordinal) == true => ObjectSchema(type, value, strict: true),
            _ => null,
        };

        if (schema is not null && value is not null && DefaultOf(value) is { } defaultValue)
        {
            schema["default"] = defaultValue;
        }

        return schema;
    }

    private static JsonNode? DefaultOf(object value) => value switch
    {
        string s when s.Length > 0 => s,
        bool b => b,
        int i => i,
        long l => l,
        double d => d,
        TimeSpan t => ConfigurationDocsTests.Format(t),
        Uri u => u.OriginalString,
        Enum e => e.ToString(),
        _ => null,
    };

    private static bool IsStringDictionary(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var key, var item] && key == typeof(string) && item == typeof(string)
        && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsStringList(Type type) =>
        (type.IsArray && type.GetElementType() == typeof(string))
        || (type.IsGenericType && type.GetGenericArguments() is [var item] && item == typeof(string) && typeof(IEnumerable).IsAssignableFrom(type));

    /// <summary>Reads <c>&lt;summary&gt;</c> texts from the XML documentation files copied beside the assemblies.</summary>
    private static partial class Documentation
    {
        private static readonly Dictionary<Assembly, Dictionary<string, string>> Cache = [];

        public static string? Summary(PropertyInfo property)
        {
            var declaring = property.DeclaringType!;
            var members = Load(declaring.Assembly);
            return members.GetValueOrDefault($"P:{declaring.FullName}.{property.Name}");
        }

        private static Dictionary<string, string> Load(Assembly assembly)
        {
            lock (Cache)
            {
                if (Cache.TryGetValue(assembly, out var cached))
                {
                    return cached;
                }

                var path = Path.ChangeExtension(assembly.Location, ".xml");
                var members = File.Exists(path)
                    ? XDocument.Load(path).Descendants("member")
                        .Where(m => m.Attribute("name") is not null && m.Element("summary") is not null)
                        .ToDictionary(m => m.Attribute("name")!.Value, m => PlainText(m.Element("summary")!), StringComparer.Ordinal)
                    : [];
                Cache[assembly] = members;
                return members;
            }
        }

        private static string PlainText(XElement summary)
        {
            var text = string.Concat(summary.Nodes().Select(node => node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e when e.Attribute("cref") is { } cref => ShortName(cref.Value),
                XElement { Name.LocalName: "see" } e when e.Attribute("langword") is { } word => word.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? string.Empty,
                XElement e => e.Value,
                _ => string.Empty,
            }));
            return Whitespace().Replace(text, " ").Trim();
        }

        private static string ShortName(string cref)
        {
            var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
            var parenthesis = name.IndexOf('(', StringComparison.Ordinal);
            if (parenthesis >= 0)
            {
                name = name[..parenthesis];
            }

            var parts = name.Split('.');
            return parts.Length >= 2 && char.IsUpper(parts[^1][0]) && cref.StartsWith("P:", StringComparison.Ordinal)
                ? parts[^2] + "." + parts[^1]
                : parts[^1];
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Whitespace();
    }
}
