using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCloudinary.Conjur.Internal;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>
/// What conjur-api-go reads besides the basic variables: raw tokens, JWT content, the default Kubernetes token,
/// CONJUR_AUTHN_TYPE/SERVICE_ID, CONJUR_AUTHN_URL, scheme-less URLs, Conjur Cloud tenants, the CLI's files. Every
/// test injects its environment and a temporary home folder.
/// </summary>
public sealed class ConjurConfigurationParityTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("conjur-home-");
    private readonly DirectoryInfo _etc = Directory.CreateTempSubdirectory("conjur-etc-");

    public void Dispose()
    {
        _home.Delete(recursive: true);
        _etc.Delete(recursive: true);
    }

    private ConjurEnvironment Environment(Dictionary<string, string?> env)
    {
        env.TryAdd("HOME", _home.FullName);
        return new ConjurEnvironment(name => env.GetValueOrDefault(name), _etc.FullName);
    }

    private ConjurCredentialSourceOptions Apply(Dictionary<string, string?> env, ConjurCredentialSourceOptions? options = null)
    {
        options ??= new ConjurCredentialSourceOptions();
        ConjurEnvironmentDefaults.Apply(options, Environment(env));
        return options;
    }

    private static Dictionary<string, string?> Base(ConjurTestKit kit) => new()
    {
        ["CONJUR_APPLIANCE_URL"] = kit.Emulator.BaseAddress.ToString(),
        ["CONJUR_ACCOUNT"] = kit.Emulator.Account,
    };

    private static async Task<CredentialSnapshot> ReadAsync(ConjurTestKit kit, ConjurCredentialSourceOptions options, CancellationToken ct)
    {
        options.Variable = ConjurTestKit.UrlVariable;
        options.MaxRetries = 0;
        using var http = new HttpClient();
        using var source = new ConjurCredentialSource(http, options, kit.Time, kit.LoggerFactory());
        return await source.GetCredentialsAsync(ct);
    }

    private static readonly CloudinaryCredentials Credentials = new("conjur-cloud", "123456789012345", "Conjur-Api-Secret_77");

    [Fact]
    public async Task ConjurAuthnToken_RawTokenIsUsedWithoutAuthenticating()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        var env = Base(kit);
        env["CONJUR_AUTHN_TOKEN"] = kit.Emulator.IssueToken(ConjurTestKit.Login);

        var options = Apply(env);
        var snapshot = await ReadAsync(kit, options, ct);

        Assert.Equal(ConjurAuthenticator.Token, options.EffectiveAuthenticator);
        Assert.Equal(Credentials, snapshot.Credentials);
        Assert.Empty(kit.Requests("/authn"));
    }

    [Fact]
    public async Task ConjurAuthnJwtToken_IsSentToAuthnJwt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        kit.Emulator.AddJwt("k8s", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", ConjurTestKit.Login);
        var env = Base(kit);
        env["CONJUR_AUTHN_JWT_SERVICE_ID"] = "k8s";
        env["CONJUR_AUTHN_JWT_TOKEN"] = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";

        var snapshot = await ReadAsync(kit, Apply(env), ct);

        Assert.Equal(Credentials, snapshot.Credentials);
        Assert.Single(kit.Requests("/authn-jwt/k8s/"));
    }

    [Fact]
    public async Task JwtWithoutFile_UsesTheKubernetesServiceAccountToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        var env = Base(kit);
        env["CONJUR_AUTHN_TYPE"] = "jwt";
        env["CONJUR_SERVICE_ID"] = "k8s";
        var options = Apply(env);

        Assert.Equal(ConjurAuthenticator.Jwt, options.EffectiveAuthenticator);
        Assert.Equal("k8s", options.ServiceId);
        Assert.Empty(ConjurOptionsRules.Check(Apply(env, new ConjurCredentialSourceOptions { Variable = "v" }), "Cloudinary:Conjur"));
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await ReadAsync(kit, options, ct));
        Assert.Contains(ConjurCredentialSourceOptions.DefaultJwtFile, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConjurAuthnTypeLdap_AuthenticatesAtAuthnLdapServiceId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Emulator.AddUser("alice");
        kit.Emulator.AddLdapUser("corp", "alice", "Directory-Password-1");
        kit.Emulator.Permit("alice", ConjurTestKit.UrlVariable);
        kit.Emulator.SetSecret(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        var env = Base(kit);
        env["CONJUR_AUTHN_TYPE"] = "ldap";
        env["CONJUR_SERVICE_ID"] = "corp";
        env["CONJUR_AUTHN_LOGIN"] = "alice";
        env["CONJUR_AUTHN_API_KEY"] = "Directory-Password-1";

        var options = Apply(env);
        var snapshot = await ReadAsync(kit, options, ct);

        Assert.Equal(new Uri(kit.Emulator.BaseAddress, "authn-ldap/corp"), options.AuthnUrl);
        Assert.Equal(Credentials, snapshot.Credentials);
        Assert.Single(kit.Requests("/authn-ldap/corp/"));
        Assert.Empty(kit.Requests("/authn/"));
    }

    [Fact]
    public async Task ConjurAuthnUrl_ReplacesTheDefaultAuthn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Emulator.AddLdapUser("corp", ConjurTestKit.Login, "Directory-Password-2");
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        var env = Base(kit);
        env["CONJUR_AUTHN_URL"] = new Uri(kit.Emulator.BaseAddress, "authn-ldap/corp").ToString();
        env["CONJUR_AUTHN_LOGIN"] = ConjurTestKit.Login;
        env["CONJUR_AUTHN_API_KEY"] = "Directory-Password-2";

        var snapshot = await ReadAsync(kit, Apply(env), ct);

        Assert.Equal(Credentials, snapshot.Credentials);
        Assert.Single(kit.Requests("/authn-ldap/corp/"));
    }

    [Theory]
    [InlineData("oidc")]
    [InlineData("iam")]
    [InlineData("nonsense")]
    public void ConjurAuthnType_Unsupported_IsAConfigurationErrorNamingTheVariable(string type)
    {
        var options = Apply(new() { ["CONJUR_AUTHN_TYPE"] = type, ["CONJUR_APPLIANCE_URL"] = "https://conjur.example.com", ["CONJUR_ACCOUNT"] = "a" });

        Assert.Contains(ConjurOptionsRules.Check(options, "Cloudinary:Conjur"), f => f.StartsWith("CONJUR_AUTHN_TYPE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("conjur.example.com", "https://conjur.example.com/")]
    [InlineData("conjur.example.com:8443/api", "https://conjur.example.com:8443/api")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    public void ApplianceUrlWithoutScheme_MeansHttps(string value, string expected) =>
        Assert.Equal(new Uri(expected), Apply(new() { ["CONJUR_APPLIANCE_URL"] = value }).ApplianceUrl);

    [Fact]
    public void ApplianceUrlWithoutScheme_InConfiguration_MeansHttps()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Cloudinary:Conjur:ApplianceUrl", "conjur.example.com:8443")]);
        builder.Services.AddSingleton(Environment([]));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddConjur();
        using var host = builder.Build();

        Assert.Equal(new Uri("https://conjur.example.com:8443/"), host.Services.GetRequiredService<IOptions<ConjurCredentialSourceOptions>>().Value.ApplianceUrl);
    }

    [Theory]
    [InlineData("https://acme.secretsmgr.cyberark.cloud", true)]
    [InlineData("https://acme-secretsmanager.cyberark.cloud", true)]
    [InlineData("https://acme.secretsmgr.integration-cyberark.cloud", true)]
    [InlineData("https://acme.secretsmgr.test-cyberark.cloud", true)]
    [InlineData("https://acme.secretsmgr.dev-cyberark.cloud", true)]
    [InlineData("https://acme.secretsmgr.cyberark-everest-integdev.cloud", true)]
    [InlineData("https://acme.secretsmgr.cyberark-everest-pre-prod.cloud", true)]
    [InlineData("https://acme-secretsmanager.sandbox-cyberark.cloud", true)]
    [InlineData("https://acme.secretsmgr.pt-cyberark.cloud", true)]
    [InlineData("https://acme.cyberark.cloud", false)]
    [InlineData("https://acme.secretsmgr.cyberark.cloud.example.com", false)]
    [InlineData("http://acme.secretsmgr.cyberark.cloud", false)]
    public void ConjurCloud_EveryTenantSuffixTheGoClientKnows(string url, bool cloud)
    {
        Assert.Equal(cloud, ConjurEndpoint.IsConjurCloud(new Uri(url)));
        Assert.Equal(cloud ? "conjur" : null, Apply(new() { ["CONJUR_APPLIANCE_URL"] = url }).Account);
    }

    [Fact]
    public void Conjurrc_FillsApplianceAccountAndCertFile_EnvironmentWins()
    {
        var rc = Path.Combine(_home.FullName, "custom-rc");
        File.WriteAllText(rc, "---\naccount: rcorg\nappliance_url: https://rc.example.com\ncert_file: \"/etc/conjur-rc.pem\"\n");

        var fromFile = Apply(new() { ["CONJURRC"] = rc });
        var envWins = Apply(new() { ["CONJURRC"] = rc, ["CONJUR_ACCOUNT"] = "envorg" });

        Assert.Equal(new Uri("https://rc.example.com"), fromFile.ApplianceUrl);
        Assert.Equal("rcorg", fromFile.Account);
        Assert.Equal("/etc/conjur-rc.pem", fromFile.CertificateFile);
        Assert.Equal("envorg", envWins.Account);
    }

    [Fact]
    public void HomeConjurrc_WinsOverEtcConjurConf()
    {
        File.WriteAllText(Path.Combine(_home.FullName, ".conjurrc"), "account: homeorg\n");
        File.WriteAllText(Path.Combine(_etc.FullName, "conjur.conf"), "account: etcorg\nappliance_url: https://etc.example.com\n");

        var options = Apply([]);

        Assert.Equal("homeorg", options.Account);
        Assert.Equal(new Uri("https://etc.example.com"), options.ApplianceUrl);
    }

    [Fact]
    public async Task Netrc_LoginOfTheConjurCli_IsUsedForTheAppliance()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = await ConjurTestKit.StartAsync(ct);
        kit.Set(ConjurTestKit.UrlVariable, Credentials.ToCloudinaryUrl());
        var machine = kit.Emulator.BaseAddress.ToString().TrimEnd('/') + "/authn";
        File.WriteAllText(Path.Combine(_home.FullName, ".netrc"),
            $"machine https://other.example.com/authn\n  login host/other\n  password other-key\nmachine {machine}\n  login {ConjurTestKit.Login}\n  password {kit.ApiKey}\n");

        var options = Apply(Base(kit));
        var snapshot = await ReadAsync(kit, options, ct);

        Assert.Equal(ConjurTestKit.Login, options.Login);
        Assert.Equal(Credentials, snapshot.Credentials);
    }

    [Fact]
    public void Netrc_ExplicitApiKeyWins()
    {
        File.WriteAllText(Path.Combine(_home.FullName, ".netrc"), "machine https://conjur.example.com/authn login host/netrc password netrc-key\n");

        var options = Apply(new() { ["CONJUR_APPLIANCE_URL"] = "https://conjur.example.com", ["CONJUR_AUTHN_LOGIN"] = "host/env", ["CONJUR_AUTHN_API_KEY"] = "env-key" });
        var fromNetrc = Apply(new() { ["CONJUR_APPLIANCE_URL"] = "https://conjur.example.com" });

        Assert.Equal(("host/env", "env-key"), (options.Login, options.ApiKey));
        Assert.Equal(("host/netrc", "netrc-key"), (fromNetrc.Login, fromNetrc.ApiKey));
    }
}
