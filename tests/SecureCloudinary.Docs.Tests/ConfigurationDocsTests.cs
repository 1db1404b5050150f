using System.Globalization;
using System.Reflection;
using SecureCloudinary.AwsSecretsManager;
using SecureCloudinary.Conjur;
using SecureCloudinary.Vault;

namespace SecureCloudinary.Docs.Tests;

/// <summary>
/// docs/configuration.md lists every settable property of the options types as its full configuration key
/// (e.g. <c>Cloudinary:Vault:Auth:RoleId</c>), in a table row that also shows the default value.
/// </summary>
public sealed class ConfigurationDocsTests
{
    private const string Page = "docs/configuration.md";

    /// <summary>The options types and the configuration section each is bound from.</summary>
    public static TheoryData<string, string> OptionsTypes => new()
    {
        { nameof(SecureCloudinaryOptions), "Cloudinary" },
        { nameof(AwsSecretsManagerCredentialSourceOptions), "Cloudinary:" + AwsSecretsManagerCredentialSourceOptions.SectionName },
        { nameof(VaultCredentialSourceOptions), "Cloudinary:" + VaultCredentialSourceOptions.SectionName },
        { nameof(ConjurCredentialSourceOptions), "Cloudinary:" + ConjurCredentialSourceOptions.SectionName },
    };

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void EverySetting_IsDocumentedWithItsDefault(string typeName, string section)
    {
        var type = Resolve(typeName);
        var rows = File.ReadAllLines(RepositoryFiles.PathOf(Page)).Where(l => l.StartsWith('|')).ToList();
        var settings = Settings(type, section, Activator.CreateInstance(type)).ToList();
        Assert.NotEmpty(settings);

        var problems = new List<string>();
        foreach (var (key, defaultValue) in settings)
        {
            var row = rows.FirstOrDefault(r => FirstCell(r) == $"`{key}`");
            if (row is null)
            {
                problems.Add($"{key} has no row in {Page} (its first cell must be `{key}`).");
            }
            else if (defaultValue is not null && !row.Contains($"`{defaultValue}`", StringComparison.Ordinal))
            {
                problems.Add($"The row of {key} in {Page} does not show its default `{defaultValue}`.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Settings_RecurseIntoNestedOptions()
    {
        var keys = Settings(typeof(VaultCredentialSourceOptions), "Cloudinary:Vault", new VaultCredentialSourceOptions())
            .ToDictionary(s => s.Key, s => s.Default);
        Assert.Contains("Cloudinary:Vault:Auth:RoleId", keys.Keys);
        Assert.Equal("api_key", keys["Cloudinary:Vault:Fields:ApiKey"]);
        Assert.Equal("00:01:00", keys["Cloudinary:Vault:Timeout"]);
        Assert.DoesNotContain("Cloudinary:Vault:Auth", keys.Keys);
    }

    [Theory]
    [InlineData(0, 0, 5, 0, "00:05:00")]
    [InlineData(1, 0, 0, 0, "1.00:00:00")]
    [InlineData(0, 0, 0, 200, "00:00:00.2")]
    public void Format_WritesTimeSpansAsConfigurationText(int days, int hours, int minutes, int milliseconds, string expected) =>
        Assert.Equal(expected, Format(new TimeSpan(days, hours, minutes, 0, milliseconds)));

    private static Type Resolve(string typeName) => typeName switch
    {
        nameof(SecureCloudinaryOptions) => typeof(SecureCloudinaryOptions),
        nameof(AwsSecretsManagerCredentialSourceOptions) => typeof(AwsSecretsManagerCredentialSourceOptions),
        nameof(VaultCredentialSourceOptions) => typeof(VaultCredentialSourceOptions),
        nameof(ConjurCredentialSourceOptions) => typeof(ConjurCredentialSourceOptions),
        _ => throw new ArgumentOutOfRangeException(nameof(typeName)),
    };

    /// <summary>Every public settable property, as (full key, default text or null), recursing into nested option objects.</summary>
    private static IEnumerable<(string Key, string? Default)> Settings(Type type, string prefix, object? instance)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = prefix + ":" + property.Name;
            var value = instance is null ? null : property.GetValue(instance);
            if (IsNestedOptions(property.PropertyType))
            {
                foreach (var nested in Settings(property.PropertyType, key, value))
                {
                    yield return nested;
                }

                continue;
            }

            yield return (key, value is null ? null : Format(value));
        }
    }

    private static bool IsNestedOptions(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri)
        && type.Namespace?.StartsWith("SecureCloudinary", StringComparison.Ordinal) == true;

    private static string? FirstCell(string row)
    {
        var cells = row.Split('|');
        return cells.Length > 2 ? cells[1].Trim() : null;
    }

    /// <summary>The default as it is written in configuration: invariant numbers, <c>true</c>/<c>false</c>, <c>d.hh:mm:ss.f</c>.</summary>
    internal static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        TimeSpan t => FormatTimeSpan(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string FormatTimeSpan(TimeSpan t)
    {
        var text = t.Days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{t.Days}.{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}");
        var fraction = t.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? text : text + "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }
}
