using System.Text;
using CsCheck;
using SecureCloudinary.Conjur.Internal;

namespace SecureCloudinary.Conjur.Tests;

public sealed class ConjurOptionsTests
{
    [Fact]
    public void Check_NothingSet_NamesEveryRequiredKey()
    {
        var failures = ConjurOptionsRules.Check(new ConjurCredentialSourceOptions(), "Cloudinary:Conjur");

        Assert.Contains("Cloudinary:Conjur:ApplianceUrl is required (or set CONJUR_APPLIANCE_URL).", failures);
        Assert.Contains("Cloudinary:Conjur:Account is required (or set CONJUR_ACCOUNT).", failures);
        Assert.Contains(failures, f => f.StartsWith("Cloudinary:Conjur:Login is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cloudinary:Conjur:ApiKey or Cloudinary:Conjur:ApiKeyFile is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cloudinary:Conjur:Variable (one variable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://conjur.example.com", "ApplianceUrl must be an absolute https://")]
    [InlineData("https://user:pw@conjur.example.com", "ApplianceUrl must be an absolute https://")]
    [InlineData("https://conjur.example.com/?x=1", "ApplianceUrl must not have a query")]
    public void Check_BadApplianceUrl_NamesTheKeyNotTheValue(string url, string expected)
    {
        var failures = ConjurOptionsRules.Check(Valid(o => o.ApplianceUrl = new Uri(url)), "Cloudinary:Conjur");

        var failure = Assert.Single(failures);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LoopbackHttp_IsAllowed() =>
        Assert.Empty(ConjurOptionsRules.Check(Valid(o => o.ApplianceUrl = new Uri("http://127.0.0.1:8080")), "Cloudinary:Conjur"));

    [Fact]
    public void Check_VariableAndVariables_AreExclusive()
    {
        var failures = ConjurOptionsRules.Check(Valid(o => o.Variables.ApiKey = "k"), "X:Conjur");

        Assert.Equal("X:Conjur:Variable and X:Conjur:Variables are both set; set only one.", Assert.Single(failures));
    }

    [Fact]
    public void Check_VariablesWithoutCloudName_AsksForOneOrCloudinaryCloudName()
    {
        var failures = ConjurOptionsRules.Check(
            Valid(o => { o.Variable = null; o.Variables = new ConjurVariableIds { ApiKey = "k", ApiSecret = "s" }; }), "Cloudinary:Conjur");

        Assert.Contains("Cloudinary:Conjur:Variables:CloudName or Cloudinary:CloudName", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FullResourceIdAsVariable_IsRejected() =>
        Assert.Contains("without the 'account:variable:' prefix",
            Assert.Single(ConjurOptionsRules.Check(Valid(o => o.Variable = "myorg:variable:apps/x"), "C")), StringComparison.Ordinal);

    [Fact]
    public void Check_JwtWithoutServiceAndFile_NamesTheServiceId_TheFileDefaultsToTheKubernetesToken()
    {
        var failures = ConjurOptionsRules.Check(Valid(o => o.Authenticator = ConjurAuthenticator.Jwt), "Cloudinary:Conjur");

        Assert.Contains(failures, f => f.StartsWith("Cloudinary:Conjur:ServiceId is required", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("JwtFile", StringComparison.Ordinal));
    }

    [Fact]
    public void EffectiveAuthenticator_FollowsTheSettingsPresent()
    {
        Assert.Equal(ConjurAuthenticator.ApiKey, new ConjurCredentialSourceOptions().EffectiveAuthenticator);
        Assert.Equal(ConjurAuthenticator.Jwt, new ConjurCredentialSourceOptions { ServiceId = "k8s" }.EffectiveAuthenticator);
        Assert.Equal(ConjurAuthenticator.TokenFile, new ConjurCredentialSourceOptions { ServiceId = "k8s", TokenFile = "/t" }.EffectiveAuthenticator);
        Assert.Equal(ConjurAuthenticator.ApiKey, new ConjurCredentialSourceOptions { TokenFile = "/t", Authenticator = ConjurAuthenticator.ApiKey }.EffectiveAuthenticator);
    }

    [Fact]
    public void EnvironmentDefaults_FillOnlyUnsetSettings()
    {
        var env = new Dictionary<string, string>
        {
            ["CONJUR_APPLIANCE_URL"] = "https://conjur.example.com",
            ["CONJUR_ACCOUNT"] = "envorg",
            ["CONJUR_AUTHN_LOGIN"] = "host/env",
            ["CONJUR_AUTHN_API_KEY"] = "env-key",
            ["CONJUR_AUTHN_TOKEN_FILE"] = "/run/conjur/access-token",
            ["CONJUR_AUTHN_JWT_SERVICE_ID"] = "k8s",
            ["CONJUR_AUTHN_JWT_HOST_ID"] = "host/jwt",
            ["JWT_TOKEN_PATH"] = "/var/run/token",
            ["CONJUR_CERT_FILE"] = "/etc/conjur.pem",
            ["CONJUR_SSL_CERTIFICATE"] = "PEM",
        };
        var options = new ConjurCredentialSourceOptions { Account = "configured" };

        ConjurEnvironmentDefaults.Apply(options, env.GetValueOrDefault);

        Assert.Equal(new Uri("https://conjur.example.com"), options.ApplianceUrl);
        Assert.Equal("configured", options.Account);
        Assert.Equal("host/env", options.Login);
        Assert.Equal("env-key", options.ApiKey);
        Assert.Equal("/run/conjur/access-token", options.TokenFile);
        Assert.Equal("k8s", options.ServiceId);
        Assert.Equal("host/jwt", options.HostId);
        Assert.Equal("/var/run/token", options.JwtFile);
        Assert.Equal("/etc/conjur.pem", options.CertificateFile);
        Assert.Equal("PEM", options.Certificate);
    }

    [Fact]
    public void ConjurCloud_GetsApiBasePathAndAccountConjur()
    {
        var options = new ConjurCredentialSourceOptions { ApplianceUrl = new Uri("https://acme.secretsmgr.cyberark.cloud") };
        ConjurEnvironmentDefaults.Apply(options, _ => null);

        Assert.Equal("conjur", options.Account);
        Assert.Equal(new Uri("https://acme.secretsmgr.cyberark.cloud/api/"), ConjurEndpoint.Normalize(options.ApplianceUrl!));
        Assert.Equal(new Uri("https://acme.secretsmgr.cyberark.cloud/api/"), ConjurEndpoint.Normalize(new Uri("https://acme.secretsmgr.cyberark.cloud/api")));
        Assert.Equal(new Uri("https://conjur.example.com/a/b/"), ConjurEndpoint.Normalize(new Uri("https://conjur.example.com//a//b")));
    }

    [Theory]
    [InlineData("myapp-01", "myapp-01")]
    [InlineData("alice@devops", "alice%40devops")]
    [InlineData("prod/aws/db-password", "prod%2Faws%2Fdb-password")]
    [InlineData("research+development", "research%2Bdevelopment")]
    [InlineData("sales&marketing", "sales%26marketing")]
    [InlineData("with space", "with%20space")]
    [InlineData("a,b?c#d%e", "a%2Cb%3Fc%23d%25e")]
    public void Endpoint_Secret_EscapesTheIdAsOneSegment(string id, string expected)
    {
        var endpoint = new ConjurEndpoint(new Uri("https://conjur.example.com/api"), "my org");

        Assert.Equal("/api/secrets/my%20org/variable/" + expected, endpoint.Secret(id).AbsolutePath);
        Assert.Equal("https://conjur.example.com/api/secrets/my%20org/variable/" + expected, endpoint.Secret(id).AbsoluteUri);
    }

    [Fact]
    public void Endpoint_Authenticate_EscapesTheLogin()
    {
        var endpoint = new ConjurEndpoint(new Uri("https://conjur.example.com"), "myorg");

        Assert.Equal("https://conjur.example.com/authn/myorg/host%2Fdata%2Faws%2Fmy-host/authenticate", endpoint.Authenticate("host/data/aws/my-host").AbsoluteUri);
        Assert.Equal("https://conjur.example.com/authn-jwt/k8s/myorg/host%2Fapps%2Fweb/authenticate", endpoint.JwtAuthenticate("k8s", "host/apps/web").AbsoluteUri);
    }

    [Fact]
    public void AccessToken_AnyLifetimeAndEncoding_ParsesTheLifetimeAndBuildsTheHeader()
    {
        var received = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Gen.Select(Gen.Long[1_000_000, 2_000_000_000], Gen.Int[60, 18000], Gen.Bool, Gen.Bool).Sample((iat, ttl, urlSafe, outerBase64) =>
        {
            var claims = Encoding.UTF8.GetBytes($"{{\"sub\":\"host/x\",\"iat\":{iat},\"exp\":{iat + ttl}}}");
            var payload = Convert.ToBase64String(claims);
            if (urlSafe)
            {
                payload = payload.TrimEnd('=').Replace('+', '-').Replace('/', '_');
            }

            var json = $"{{\"protected\":\"e30\",\"payload\":\"{payload}\",\"signature\":\"c2ln\"}}";
            var body = Encoding.UTF8.GetBytes(outerBase64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) : json);

            var token = ConjurAccessToken.TryParse(body, received);

            Assert.NotNull(token);
            Assert.Equal(TimeSpan.FromSeconds(ttl), token.ExpiresAt - received);
            Assert.True(token.RefreshAt < token.ExpiresAt && token.RefreshAt > received);
            Assert.Equal("Token token=\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) + "\"", token.HeaderValue);
            Assert.DoesNotContain(payload, token.ToString(), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("[1,2]")]
    [InlineData("{broken")]
    public void AccessToken_Garbage_IsNotAToken(string text) =>
        Assert.Null(ConjurAccessToken.TryParse(Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch));

    [Fact]
    public void AccessToken_WithoutClaims_AssumesEightMinutes()
    {
        var token = ConjurAccessToken.TryParse("{\"data\":\"legacy\"}"u8, DateTimeOffset.UnixEpoch);

        Assert.Equal(DateTimeOffset.UnixEpoch + TimeSpan.FromMinutes(8), token!.ExpiresAt);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheKeys()
    {
        using var http = new HttpClient();
        var e = Assert.Throws<ArgumentException>(() => new ConjurCredentialSource(http, new ConjurCredentialSourceOptions()));

        Assert.Contains("Cloudinary:Conjur:ApplianceUrl", e.Message, StringComparison.Ordinal);
    }

    private static ConjurCredentialSourceOptions Valid(Action<ConjurCredentialSourceOptions> change)
    {
        var options = new ConjurCredentialSourceOptions
        {
            ApplianceUrl = new Uri("https://conjur.example.com"),
            Account = "myorg",
            Login = "host/apps/web",
            ApiKey = "key",
            Variable = "apps/web/url",
        };
        change(options);
        return options;
    }
}
