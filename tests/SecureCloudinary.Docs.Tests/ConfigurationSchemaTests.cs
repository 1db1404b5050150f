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

    [Theory]
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

    private static JsonObject Generate(string package) => package switch
    {
        "SecureCloudinary" => ConfigurationSchema.Segment(typeof(SecureCloudinaryOptions), "Cloudinary", "SecureCloudinary: the Cloudinary section", CoreExtraKeys()),
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
        foreach (var package in (string[])["SecureCloudinary", "SecureCloudinary.AwsSecretsManager", "SecureCloudinary.Vault", "SecureCloudinary.Conjur"])
        {
            var segment = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf($"src/{package}/ConfigurationSchema.json")))!.AsObject();
            segment.Remove("$schema");
            all.Add(segment);
        }

        return JsonSchema.FromText(new JsonObject { ["$schema"] = "http://json-schema.org/draft-07/schema#", ["allOf"] = all }.ToJsonString());
    }

    private static string Describe(EvaluationResults result) => JsonSerializer.Serialize(result);
}
