using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SecureCloudinary.AwsSecretsManager;
using SecureCloudinary.Conjur;
using SecureCloudinary.Vault;

namespace SecureCloudinary.Docs.Tests;

/// <summary>
/// Each package ships <c>ConfigurationSchema.json</c>, the JSON schema of the configuration keys it binds, generated
/// from its options type and XML docs. The committed files must equal what the types give today; set
/// <c>SECURECLOUDINARY_UPDATE_GENERATED=1</c> to rewrite them (the only way a test writes a tracked file).
/// </summary>
public sealed class ConfigurationSchemaTests
{
    private const string UpdateVariable = "SECURECLOUDINARY_UPDATE_GENERATED";

    public static TheoryData<string> Packages => new() { "SecureCloudinary", "SecureCloudinary.AwsSecretsManager", "SecureCloudinary.Vault", "SecureCloudinary.Conjur" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void ConfigurationSchema_CommittedFile_MatchesTheOptionsTypes(string package)
    {
        var path = RepositoryFiles.PathOf($"src/{package}/ConfigurationSchema.json");
        var expected = ConfigurationSchema.ToText(Generate(package));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the docs tests with {UpdateVariable}=1 to write it.");
        var committed = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(
            string.Equals(expected, committed, StringComparison.Ordinal),
            $"src/{package}/ConfigurationSchema.json is out of date with the options types: run `{UpdateVariable}=1 dotnet test tests/SecureCloudinary.Docs.Tests` and commit it.");
    }

    [Fact]
    public void Schema_ValidSettingsOfEveryPackage_Pass()
    {
        using var settings = JsonDocument.Parse("""
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "Cloudinary": {
                "Source": "Vault",
                "RefreshInterval": "00:05:00",
                "MaxStaleness": "1.00:00:00",
                "ResolveOnStart": true,
                "ApiBaseAddress": "https://api.cloudinary.com",
                "Vault": { "Address": "https://vault.example.com:8200", "Path": "cloudinary/prod", "Auth": { "Method": "AppRole", "RoleId": "my-role" } },
                "AwsSecretsManager": { "SecretId": "prod/cloudinary", "Region": "eu-west-1" },
                "Conjur": { "ApplianceUrl": "https://conjur.example.com", "Account": "myorg" }
              }
            }
            """);

        var result = Combined().Evaluate(settings.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, Describe(result));
    }

    /// <summary>appsettings.json of an app with two named accounts on different backends (docs/several-accounts.md).</summary>
    internal const string TwoAccountsSettings = """
        {
          "Cloudinary": {
            "Accounts": {
              "media": {
                "Source": "Vault",
                "RefreshInterval": "00:10:00",
                "Vault": { "Address": "https://vault.example.com:8200", "Path": "cloudinary/media", "Auth": { "Method": "Kubernetes", "Role": "media-api" } }
              },
              "marketing": {
                "Source": "AwsSecretsManager",
                "CloudName": "acme-marketing",
                "MaxStaleness": "Infinite",
                "AwsSecretsManager": { "SecretId": "prod/cloudinary/marketing", "Region": "eu-west-1" }
              },
              "archive": {
                "Source": "Conjur",
                "ResolveOnStart": false,
                "Conjur": { "ApplianceUrl": "https://conjur.example.com", "Account": "myorg", "Variable": "cloudinary/archive" },
                "Provisioning": { "AccountUrl": "account://key:secret@id" }
              }
            }
          }
        }
        """;

    [Fact]
    public void Schema_TwoAccountsOnDifferentBackends_Pass()
    {
        using var settings = JsonDocument.Parse(TwoAccountsSettings);

        var result = Combined().Evaluate(settings.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public void Schema_EveryKeyOfTheTwoAccountsSample_IsDescribed()
    {
        var segments = Segments();
        using var settings = JsonDocument.Parse(TwoAccountsSettings);
        var keys = Leaves(settings.RootElement.GetProperty("Cloudinary").GetProperty("Accounts"), "Cloudinary:Accounts").ToList();
        Assert.True(keys.Count >= 15, $"Only {keys.Count} keys in the sample.");

        var undescribed = keys.Where(key => !segments.Any(segment => DescriptionOf(segment, key) is { Length: > 0 })).ToList();

        Assert.True(undescribed.Count == 0, "No description in any package's schema for: " + string.Join(", ", undescribed));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Segment_EachAccount_HasTheTopLevelKeysExceptAccounts(string package)
    {
        var cloudinary = Generate(package)["properties"]!["Cloudinary"]!["properties"]!.AsObject();
        var account = cloudinary["Accounts"]!["additionalProperties"]!;

        var topLevel = new JsonObject(cloudinary.Where(p => p.Key != "Accounts").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        Assert.Equal("object", account["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(topLevel, account["properties"]), $"{package}: an account's keys differ from the Cloudinary section's.");
        Assert.NotEmpty(topLevel);
    }

    [Theory]
    [InlineData("""{ "Cloudinary": { "MaxStaleness": "Infinite" } }""")]
    [InlineData("""{ "Cloudinary": { "MaxStaleness": "infinite" } }""")]
    [InlineData("""{ "Cloudinary": { "Accounts": { "media": { "MaxStaleness": "Infinite" } } } }""")]
    public void Schema_MaxStalenessInfinite_Passes(string json)
    {
        // The start accepts Infinite (any case) for MaxStaleness (LifecycleSettingsBinding), so the editor must too.
        using var settings = JsonDocument.Parse(json);
        var result = Combined().Evaluate(settings.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, Describe(result));
    }

    [Theory]
    [InlineData("""{ "Cloudinary": { "RefreshInterval": "Infinite" } }""")]                // only MaxStaleness may be Infinite
    [InlineData("""{ "Cloudinary": { "MinimumForcedRefreshInterval": "Infinite" } }""")]
    [InlineData("""{ "Cloudinary": { "MaxStaleness": "Infinity" } }""")]
    [InlineData("""{ "Cloudinary": { "Vault": { "Timeout": "Infinite" } } }""")]
    [InlineData("""{ "Cloudinary": { "Accounts": { "media": { "Vault": { "Pth": "cloudinary/media" } } } } }""")]   // misspelt backend key in an account
    [InlineData("""{ "Cloudinary": { "Accounts": { "media": { "RefreshInterval": "five minutes" } } } }""")]      // not a TimeSpan, in an account
    [InlineData("""{ "Cloudinary": { "Accounts": { "media": { "Conjur": { "Account": 7 } } } } }""")]            // not a string, in an account
    [InlineData("""{ "Cloudinary": { "Accounts": { "media": "cloudinary://k:s@c" } } }""")]                    // an account is a section
    [InlineData("""{ "Cloudinary": { "Accounts": { "a": { "Accounts": { "b": { "Source": "Vault" } } } } } }""")] // accounts do not nest
    [InlineData("""{ "Cloudinary": { "Vault": { "Pth": "cloudinary/prod" } } }""")]                  // misspelt key
    [InlineData("""{ "Cloudinary": { "RefreshInterval": "five minutes" } }""")]                     // not a TimeSpan
    [InlineData("""{ "Cloudinary": { "ResolveOnStart": "yes" } }""")]                               // not a boolean
    [InlineData("""{ "Cloudinary": { "Vault": { "Auth": { "Method": "Password" } } } }""")]         // not an auth method
    [InlineData("""{ "Cloudinary": { "AwsSecretsManager": { "SecretID": "prod/cloudinary" } } }""")] // wrong case is another key
    public void Schema_WrongSettings_AreFlagged(string json)
    {
        using var settings = JsonDocument.Parse(json);
        var result = Combined().Evaluate(settings.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid, json);
    }

    [Fact]
    public void Segment_Descriptions_ComeFromTheXmlDocs()
    {
        var segment = Generate("SecureCloudinary.Vault");
        var path = segment["properties"]!["Cloudinary"]!["properties"]!["Vault"]!["properties"]!["Path"]!;

        Assert.False(string.IsNullOrWhiteSpace(path["description"]?.GetValue<string>()));
        Assert.Equal("string", path["type"]!.GetValue<string>());
    }

    private const string AccountsDescription =
        "Named accounts (Cloudinary:Accounts:{name}), each added with AddSecureCloudinary(name, section) and injected with [FromKeyedServices(name)]. "
        + "Each account's section has the keys of the Cloudinary section, except Accounts, and inherits nothing from it.";

    private static JsonObject Generate(string package) => package switch
    {
        "SecureCloudinary" => ConfigurationSchema.WithAccounts(
            ConfigurationSchema.Segment(typeof(SecureCloudinaryOptions), "Cloudinary", "SecureCloudinary: the Cloudinary section", CoreExtraKeys()),
            AccountsDescription),
        _ => ConfigurationSchema.WithAccounts(GenerateBackend(package)),
    };

    private static JsonObject GenerateBackend(string package) => package switch
    {
        "SecureCloudinary.AwsSecretsManager" => ConfigurationSchema.Segment(
            typeof(AwsSecretsManagerCredentialSourceOptions), "Cloudinary:" + AwsSecretsManagerCredentialSourceOptions.SectionName, "SecureCloudinary: AWS Secrets Manager source"),
        "SecureCloudinary.Vault" => ConfigurationSchema.Segment(
            typeof(VaultCredentialSourceOptions), "Cloudinary:" + VaultCredentialSourceOptions.SectionName, "SecureCloudinary: HashiCorp Vault source"),
        "SecureCloudinary.Conjur" => ConfigurationSchema.Segment(
            typeof(ConjurCredentialSourceOptions), "Cloudinary:" + ConjurCredentialSourceOptions.SectionName, "SecureCloudinary: CyberArk Conjur source"),
        _ => throw new ArgumentOutOfRangeException(nameof(package)),
    };

    // Keys read straight from the section (the Configuration source, the CLI's rotate and revoke), not options properties.
    private static Dictionary<string, JsonObject> CoreExtraKeys()
    {
        const string NotInFiles = " Configuration source only; keep it out of committed files (user-secrets, key-per-file, environment).";
        return new(StringComparer.Ordinal)
        {
            ["Url"] = new() { ["description"] = "cloudinary://<api_key>:<api_secret>@<cloud_name>." + NotInFiles, ["type"] = "string", ["pattern"] = "^cloudinary://" },
            ["CloudName"] = new() { ["description"] = "The cloud name (product environment); overrides the one in Url. Configuration source only.", ["type"] = "string" },
            ["ApiKey"] = new() { ["description"] = "The API key; overrides the one in Url." + NotInFiles, ["type"] = "string" },
            ["ApiSecret"] = new() { ["description"] = "The API secret; overrides the one in Url." + NotInFiles, ["type"] = "string" },
            ["Provisioning"] = new()
            {
                ["description"] = "Provisioning API credentials for secure-cloudinary rotate and revoke (Enterprise accounts).",
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["AccountUrl"] = new JsonObject
                    {
                        ["description"] = "account://<provisioning_key>:<provisioning_secret>@<account_id> (fallback CLOUDINARY_ACCOUNT_URL); keep it out of committed files.",
                        ["type"] = "string",
                        ["pattern"] = "^account://",
                    },
                },
                ["additionalProperties"] = false,
            },
        };
    }

    private static JsonSchema Combined()
    {
        var all = new JsonArray();
        foreach (var segment in Segments())
        {
            segment.Remove("$schema");
            all.Add(segment);
        }

        return JsonSchema.FromText(new JsonObject { ["$schema"] = "http://json-schema.org/draft-07/schema#", ["allOf"] = all }.ToJsonString());
    }

    /// <summary>The committed schema files of every package.</summary>
    private static List<JsonObject> Segments() =>
        [.. ((string[])["SecureCloudinary", "SecureCloudinary.AwsSecretsManager", "SecureCloudinary.Vault", "SecureCloudinary.Conjur"])
            .Select(package => JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf($"src/{package}/ConfigurationSchema.json")))!.AsObject())];

    /// <summary>The full key of every value in <paramref name="element"/> (e.g. <c>Cloudinary:Accounts:media:Vault:Path</c>).</summary>
    private static IEnumerable<string> Leaves(JsonElement element, string prefix) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().SelectMany(p => Leaves(p.Value, prefix + ":" + p.Name))
            : [prefix];

    /// <summary>
    /// The description a segment gives the key, walking <c>properties</c> and, for a name no property matches (an
    /// account name), <c>additionalProperties</c>; null when the segment does not describe the key.
    /// </summary>
    private static string? DescriptionOf(JsonObject segment, string key)
    {
        JsonNode? node = segment;
        foreach (var name in key.Split(':'))
        {
            node = node?["properties"]?[name] ?? (node?["additionalProperties"] as JsonObject);
        }

        return node?["description"]?.GetValue<string>();
    }

    private static string Describe(EvaluationResults result) => JsonSerializer.Serialize(result);
}
