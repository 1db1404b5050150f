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
            ["Cloudinary:Vault:Token"] = "vaulttoken1",
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
}
