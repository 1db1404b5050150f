using SecureCloudinary.Conjur.Internal;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>Ids with '.', '..' or empty segments would resolve to other URLs (issue 11, item 13).</summary>
public sealed class ConjurIdValidationTests
{
    private static ConjurCredentialSourceOptions Valid() => new()
    {
        ApplianceUrl = new Uri("https://conjur.example.com"),
        Account = "acme",
        Login = "host/apps/web",
        ApiKey = "key",
        Variable = "apps/web/cloudinary-url",
    };

    [Theory]
    [InlineData("Login", "..")]
    [InlineData("Login", ".")]
    [InlineData("Login", "host/..")]
    [InlineData("Login", "host/./web")]
    [InlineData("Login", "host//web")]
    [InlineData("Login", "host/web/")]
    [InlineData("Variable", "..")]
    [InlineData("Variable", "apps/../other")]
    [InlineData("Variable", "/apps/web")]
    [InlineData("Variables:ApiSecret", "apps/.")]
    [InlineData("HostId", "..")]
    [InlineData("HostId", "apps//web")]
    [InlineData("Account", "..")]
    [InlineData("Account", ".")]
    [InlineData("ServiceId", "..")]
    public void DotAndEmptySegments_AreRefusedNamingTheKey(string key, string value)
    {
        var options = Valid();
        switch (key)
        {
            case "Login": options.Login = value; break;
            case "Variable": options.Variable = value; break;
            case "Variables:ApiSecret":
                options.Variable = null;
                options.Variables = new ConjurVariableIds { CloudName = "c", ApiKey = "k", ApiSecret = value };
                break;
            case "HostId": options.Authenticator = ConjurAuthenticator.Jwt; options.ServiceId = "k8s"; options.HostId = value; break;
            case "ServiceId": options.Authenticator = ConjurAuthenticator.Jwt; options.ServiceId = value; break;
            default: options.Account = value; break;
        }

        var failures = ConjurOptionsRules.Check(options, "Cloudinary:Conjur");

        Assert.Contains(failures, f => f.StartsWith($"Cloudinary:Conjur:{key} must not", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new ConjurCredentialSource(new HttpClient(), options));
    }

    [Theory]
    [InlineData("host/apps/web")]
    [InlineData("alice@devops")]
    [InlineData("host/a.b/..c")]
    public void OrdinaryIds_Pass(string login)
    {
        var options = Valid();
        options.Login = login;

        Assert.Empty(ConjurOptionsRules.Check(options, "Cloudinary:Conjur"));
    }
}
