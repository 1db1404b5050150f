using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Cli.Tests;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_AddedSecret_IsMaskedIncludingPercentEncodedForm()
    {
        var redactor = new SecretRedactor();
        redactor.Add("s3cr/et+value");

        var text = redactor.Redact("a s3cr/et+value b s3cr%2Fet%2Bvalue c");

        Assert.Equal("a [redacted] b [redacted] c", text);
    }

    [Fact]
    public void Redact_ShortValue_IsNotRemembered()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abc");

        Assert.Equal("abc abc", redactor.Redact("abc abc"));
    }

    [Fact]
    public void AddFrom_SecretKeysAndCloudinaryUrls_AreMaskedButOtherValuesAreNot()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CLOUDINARY_URL"] = "cloudinary://123456:urlsecret99@demo",
            ["Cloudinary:ApiSecret"] = "configsecret",
            ["Cloudinary:Vault:Auth:Token"] = "vaulttoken1",
            ["Cloudinary:CloudName"] = "democloud",
        }).Build();
        var redactor = new SecretRedactor();

        redactor.AddFrom(configuration);
        var text = redactor.Redact("cloudinary://123456:urlsecret99@demo urlsecret99 configsecret vaulttoken1 democloud");

        Assert.Equal("[redacted] [redacted] [redacted] [redacted] democloud", text);
    }

    [Fact]
    public void Add_Credentials_MasksTheirSecret()
    {
        var redactor = new SecretRedactor();
        redactor.Add(new CloudinaryCredentials("demo", "123456789", "credsecret42"));

        Assert.Equal("x [redacted] y", redactor.Redact("x credsecret42 y"));
    }

    [Fact]
    public void AddFrom_SettingsThatNameASecret_AreNotMasked()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cloudinary:AwsSecretsManager:SecretId"] = "prod/cloudinary",
            ["Cloudinary:AwsSecretsManager:Fields:ApiSecret"] = "CLOUDINARY_API_SECRET",
            ["Cloudinary:Conjur:Variables:ApiSecret"] = "apps/cloudinary/api-secret",
            ["Cloudinary:Vault:Auth:SecretIdFile"] = "/run/secrets/secret-id",
            ["MY_SECRET_NAME"] = "region",
        }).Build();
        var redactor = new SecretRedactor();

        redactor.AddFrom(configuration);

        const string Message = "no secret 'prod/cloudinary' in region; field CLOUDINARY_API_SECRET, variable apps/cloudinary/api-secret, file /run/secrets/secret-id";
        Assert.Equal(Message, redactor.Redact(Message));
    }

    [Theory]
    [InlineData("Cloudinary:ApiSecret")]
    [InlineData("Cloudinary:Url")]
    [InlineData("CLOUDINARY_URL")]
    [InlineData("CLOUDINARY_API_SECRET")]
    [InlineData("Cloudinary:Vault:Auth:Token")]
    [InlineData("Cloudinary:Vault:Auth:SecretId")]
    [InlineData("Cloudinary:Vault:Auth:Password")]
    [InlineData("VAULT_TOKEN")]
    [InlineData("Cloudinary:Conjur:ApiKey")]
    [InlineData("CONJUR_AUTHN_API_KEY")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("AWS_SESSION_TOKEN")]
    [InlineData("Cloudinary:Accounts:shop:Url")]
    [InlineData("Cloudinary:Accounts:shop:ApiSecret")]
    [InlineData("Cloudinary:Accounts:media:Vault:Auth:Token")]
    public void AddFrom_KnownSecretSettings_AreMasked(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "Known-Secret-Value-77" }).Build();
        var redactor = new SecretRedactor();

        redactor.AddFrom(configuration);

        Assert.Equal("x [redacted] y", redactor.Redact("x Known-Secret-Value-77 y"));
    }

    [Fact]
    public void Add_Credentials_MasksTheBase64BasicHeaderToo()
    {
        var redactor = new SecretRedactor();
        var credentials = new CloudinaryCredentials("demo", "123456789", "credsecret42");
        redactor.Add(credentials);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("123456789:credsecret42"));

        Assert.Equal("Basic [redacted]", redactor.Redact("Basic " + basic));
    }
}
