using System.Text;
using Microsoft.Extensions.Configuration;
using SecureCloudinary.Sources;

namespace SecureCloudinary.Tests.Sources;

public sealed class ConfigurationCredentialSourceTests
{
    private static IConfigurationRoot Memory(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    private static Task<CredentialSnapshot> Read(IConfiguration configuration, string section = "Cloudinary") =>
        new ConfigurationCredentialSource(configuration.GetSection(section))
            .GetCredentialsAsync(TestContext.Current.CancellationToken).AsTask();

    [Fact]
    public void Name_IsConfiguration()
    {
        Assert.Equal("Configuration", new ConfigurationCredentialSource(Memory()).Name);
    }

    [Fact]
    public async Task GetCredentialsAsync_Url_ReadsAllParts()
    {
        var c = (await Read(Memory(("Cloudinary:Url", "cloudinary://123:abc@demo")))).Credentials;

        Assert.Equal(("demo", "123", "abc"), (c.CloudName, c.ApiKey, c.ApiSecret));
    }

    [Fact]
    public async Task GetCredentialsAsync_IndividualKeysWithUrl_OverrideTheirParts()
    {
        var c = (await Read(Memory(
            ("Cloudinary:Url", "cloudinary://123:abc@demo"),
            ("Cloudinary:ApiKey", "456"),
            ("Cloudinary:ApiSecret", "def")))).Credentials;

        Assert.Equal(("demo", "456", "def"), (c.CloudName, c.ApiKey, c.ApiSecret));
    }

    [Fact]
    public async Task GetCredentialsAsync_NothingSet_ThrowsNotFoundNamingTheKeys()
    {
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => Read(Memory(("Cloudinary:Source", "Configuration"))));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.Equal("Configuration", e.SourceName);
        Assert.Contains("Set Cloudinary:Url, or Cloudinary:CloudName, Cloudinary:ApiKey and Cloudinary:ApiSecret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_SecretMissing_NamesTheKey()
    {
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => Read(Memory(
            ("Cloudinary:CloudName", "demo"), ("Cloudinary:ApiKey", "123"))));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
        Assert.StartsWith("Cloudinary:ApiSecret is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_OtherSectionPath_NamesKeysByThatPath()
    {
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => Read(
            Memory(("Media:Cloudinary:CloudName", "demo"), ("Media:Cloudinary:ApiSecret", "abc")), "Media:Cloudinary"));

        Assert.StartsWith("Media:Cloudinary:ApiKey is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_MalformedUrl_ThrowsInvalidSecretNamingTheKey()
    {
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => Read(Memory(
            ("Cloudinary:Url", "http://123:hunter2@demo"))));

        Assert.Equal(CredentialFailureReason.InvalidSecret, e.Reason);
        Assert.StartsWith("Cloudinary:Url is not a valid Cloudinary URL", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_ValueChangedInConfiguration_ReadsTheNewValue()
    {
        var root = Memory(("Cloudinary:Url", "cloudinary://111:abc@demo"));
        var source = new ConfigurationCredentialSource(root.GetSection("Cloudinary"));
        var first = await source.GetCredentialsAsync(TestContext.Current.CancellationToken);

        root["Cloudinary:Url"] = "cloudinary://222:def@demo";
        var second = await source.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("111", first.Credentials.ApiKey);
        Assert.Equal("222", second.Credentials.ApiKey);
    }

    [Fact]
    public async Task GetCredentialsAsync_KeyPerFileSecrets_ReadsThemAndPicksUpReload()
    {
        using var dir = new TempDirectory();
        dir.Write("Cloudinary__CloudName", "demo\n");
        dir.Write("Cloudinary__ApiKey", "123456\n");
        dir.Write("Cloudinary__ApiSecret", "first-secret\n");
        var root = new ConfigurationBuilder().AddKeyPerFile(dir.Path, optional: false).Build();
        var source = new ConfigurationCredentialSource(root.GetSection("Cloudinary"));

        var first = (await source.GetCredentialsAsync(TestContext.Current.CancellationToken)).Credentials;
        dir.Write("Cloudinary__ApiSecret", "rotated-secret\n");
        root.Reload();
        var second = (await source.GetCredentialsAsync(TestContext.Current.CancellationToken)).Credentials;

        Assert.Equal(("demo", "123456", "first-secret"), (first.CloudName, first.ApiKey, first.ApiSecret));
        Assert.Equal("rotated-secret", second.ApiSecret);
    }

    [Fact]
    public async Task GetCredentialsAsync_KeyPerFileMissingSecretFile_NamesTheKey()
    {
        using var dir = new TempDirectory();
        dir.Write("Cloudinary__CloudName", "demo");
        dir.Write("Cloudinary__ApiKey", "123456");
        var root = new ConfigurationBuilder().AddKeyPerFile(dir.Path, optional: false).Build();

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => Read(root));

        Assert.StartsWith("Cloudinary:ApiSecret is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialsAsync_UserSecretsShapedJson_ReadsFlatColonKeys()
    {
        // `dotnet user-secrets set Cloudinary:ApiSecret …` writes flat keys with colons into secrets.json,
        // which AddUserSecrets reads with the JSON provider.
        const string SecretsJson = """
            {
              "Cloudinary:CloudName": "demo",
              "Cloudinary:ApiKey": "123456",
              "Cloudinary:ApiSecret": "from-user-secrets"
            }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(SecretsJson));
        var root = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Cloudinary:Source", "Configuration")])
            .AddJsonStream(stream)
            .Build();

        var c = (await Read(root)).Credentials;

        Assert.Equal(("demo", "123456", "from-user-secrets"), (c.CloudName, c.ApiKey, c.ApiSecret));
    }

    [Fact]
    public async Task GetCredentialsAsync_ConfigurationRootPassed_ReadsItsCloudinarySection()
    {
        var source = new ConfigurationCredentialSource(Memory(("Url", "cloudinary://9:z@wrong"), ("Cloudinary:Url", "cloudinary://123:abc@demo")));

        var c = (await source.GetCredentialsAsync(TestContext.Current.CancellationToken)).Credentials;

        Assert.Equal("123", c.ApiKey);
    }

    [Fact]
    public void Constructor_NullSection_Throws()
    {
        Assert.Throws<ArgumentNullException>("section", () => new ConfigurationCredentialSource(null!));
    }
}
