using CsCheck;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault.Tests;

public sealed class OptionsValidationTests
{
    private const string Prefix = "Cloudinary:Vault:";

    private static VaultCredentialSourceOptions Valid() => new()
    {
        Address = new Uri("https://vault.example.com:8200"),
        Path = "cloudinary/prod",
        Auth = new VaultAuthOptions { Token = "t" },
    };

    [Fact]
    public void Check_ValidOptions_HasNoFailures() => Assert.Empty(VaultOptionsRules.Check(Valid(), Prefix));

    [Theory]
    [InlineData("path", null, "Cloudinary:Vault:Path is required")]
    [InlineData("path", "a/../b", "Cloudinary:Vault:Path has a '.' or '..' segment")]
    [InlineData("path", "a?list=true", "Cloudinary:Vault:Path contains a character that is not allowed")]
    [InlineData("path", "a#frag", "Cloudinary:Vault:Path contains a character that is not allowed")]
    [InlineData("path", "a%2Fb", "Cloudinary:Vault:Path contains a character that is not allowed")]
    [InlineData("path", "a//b", "Cloudinary:Vault:Path has an empty segment")]
    [InlineData("mount", "..", "Cloudinary:Vault:MountPath has a '.' or '..' segment")]
    [InlineData("namespace", "admin/../root", "Cloudinary:Vault:Namespace has a '.' or '..' segment")]
    public void Check_BadPath_NamesTheKey(string which, string? value, string expected)
    {
        var options = Valid();
        switch (which)
        {
            case "path":
                options.Path = value;
                break;
            case "mount":
                options.MountPath = value!;
                break;
            default:
                options.Namespace = value;
                break;
        }

        Assert.Contains(VaultOptionsRules.Check(options, Prefix), f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PlainHttpToARemoteHost_IsRefused()
    {
        var options = Valid();
        options.Address = new Uri("http://vault.example.com:8200");

        Assert.Contains(VaultOptionsRules.Check(options, Prefix), f => f.StartsWith("Cloudinary:Vault:Address must be an absolute https://", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NoAddress_MentionsVaultAddr() =>
        Assert.Contains(VaultOptionsRules.Check(new VaultCredentialSourceOptions { Path = "p", Auth = new() { Token = "t" } }, Prefix),
            f => f == "Cloudinary:Vault:Address (or the VAULT_ADDR environment variable) is required.");

    [Theory]
    [InlineData(VaultAuthMethod.Token, "Cloudinary:Vault:Auth:Token (or the VAULT_TOKEN environment variable) is required")]
    [InlineData(VaultAuthMethod.AppRole, "Cloudinary:Vault:Auth:RoleId is required")]
    [InlineData(VaultAuthMethod.Kubernetes, "Cloudinary:Vault:Auth:Role is required")]
    [InlineData(VaultAuthMethod.Jwt, "Cloudinary:Vault:Auth:JwtFile is required")]
    [InlineData(VaultAuthMethod.UserPass, "Cloudinary:Vault:Auth:Username is required")]
    public void Check_AuthMethodWithoutItsSettings_NamesTheMissingKey(VaultAuthMethod method, string expected)
    {
        var options = Valid();
        options.Auth = new VaultAuthOptions { Method = method };

        Assert.Contains(VaultOptionsRules.Check(options, Prefix), f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_OtherRules_NameTheirKeys()
    {
        var options = Valid();
        options.KvVersion = 1;
        options.Version = 0;
        options.MaxRetries = 11;
        options.CaCertificateFile = "/nonexistent/ca.pem";
        options.SkipTlsVerify = true;
        options.Fields.ApiKey = " ";
        options.Auth = new VaultAuthOptions { Method = VaultAuthMethod.AppRole, RoleId = "r", SecretId = "s", SecretIdFile = "f" };

        var failures = VaultOptionsRules.Check(options, Prefix);

        foreach (var expected in new[]
        {
            "Cloudinary:Vault:Version must be 1 or greater",
            "Cloudinary:Vault:Version applies only to KV version 2",
            "Cloudinary:Vault:MaxRetries must be between 0 and 10",
            "Cloudinary:Vault:CaCertificateFile (or VAULT_CACERT) names a file that does not exist",
            "Cloudinary:Vault:SkipTlsVerify and Cloudinary:Vault:CaCertificateFile are both set",
            "Cloudinary:Vault:Fields:ApiKey must not be empty",
            "Cloudinary:Vault:Auth:SecretId and Cloudinary:Vault:Auth:SecretIdFile are both set",
        })
        {
            Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        }

        Assert.All(failures, f => Assert.DoesNotContain("/nonexistent/ca.pem", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsArgumentExceptionNamingKeys()
    {
        using var http = new HttpClient();
        var e = Assert.Throws<ArgumentException>(() => new VaultCredentialSource(http, new VaultCredentialSourceOptions()));

        Assert.Contains("Cloudinary:Vault:Path is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_AnyAcceptedPath_StaysInsideItsUrlSegments() =>
        Gen.String[Gen.Char.AlphaNumeric, 1, 5].Array[1, 4]
            .Select(Pick("", "+", "-", "&", "=", ":", "é", ".x"), (parts, extra) => string.Join('/', parts) + extra)
            .Sample(path =>
            {
                if (VaultPath.Problem(path) is not null)
                {
                    return;
                }

                var escaped = VaultPath.Escape(path);
                var uri = new Uri(new Uri("http://127.0.0.1:8200/v1/"), "secret/data/" + escaped);
                Assert.Equal(string.Empty, uri.Query);
                Assert.StartsWith("/v1/secret/data/", uri.AbsolutePath, StringComparison.Ordinal);
                Assert.Equal(path.Trim('/').Split('/').Length, escaped.Split('/').Length);
                Assert.Equal(path.Trim('/'), Uri.UnescapeDataString(escaped));
            });

    [Fact]
    public void Problem_AnyStringWithAQueryOrTraversal_IsRejected() =>
        Gen.String.Select(Pick("?", "#", "%", "/../", "\\", " "), (s, bad) => s + bad + s).Sample(path =>
            Assert.NotNull(VaultPath.Problem(path)));

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);
}
