using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCloudinary.Vault.Internal;

namespace SecureCloudinary.Vault.Tests;

/// <summary>The environment variables (and the token helper file) the official Vault client and CLI read.</summary>
public sealed class EnvironmentParityTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("vault-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private VaultCredentialSourceOptions Resolve(Dictionary<string, string?> env, params (string Key, string? Value)[] values)
    {
        env.TryAdd("HOME", _home);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddSingleton(new VaultEnvironment(name => env.TryGetValue(name, out var v) ? v : null));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddVault();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<VaultCredentialSourceOptions>>().Value;
    }

    private List<string> Failures(Dictionary<string, string?> env) =>
        VaultOptionsRules.Check(Resolve(env, ("Cloudinary:Vault:Path", "p"), ("Cloudinary:Vault:Address", "http://127.0.0.1:8200")), "Cloudinary:Vault:");

    [Theory]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void VaultSkipVerify_GoBooleans_Parse(string value, bool expected) =>
        Assert.Equal(expected, Resolve(new() { ["VAULT_SKIP_VERIFY"] = value }).SkipTlsVerify);

    [Theory]
    [InlineData("no")]
    [InlineData("yes")]
    [InlineData("tRUE")]
    [InlineData("2")]
    [InlineData("off")]
    public void VaultSkipVerify_AnyOtherValue_IsAConfigurationErrorNamingTheVariable(string value)
    {
        var env = new Dictionary<string, string?> { ["VAULT_SKIP_VERIFY"] = value };

        Assert.NotEqual(true, Resolve(env).SkipTlsVerify);
        var failure = Assert.Single(Failures(env), f => f.Contains("VAULT_SKIP_VERIFY", StringComparison.Ordinal));
        Assert.DoesNotContain("\"" + value + "\"", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void VaultAgentAddr_TakesPrecedenceOverVaultAddr_ButNotOverConfiguration()
    {
        var env = new Dictionary<string, string?> { ["VAULT_ADDR"] = "https://server:8200", ["VAULT_AGENT_ADDR"] = "http://127.0.0.1:8100" };

        Assert.Equal(new Uri("http://127.0.0.1:8100"), Resolve(env).Address);
        Assert.Equal("config", Resolve(env, ("Cloudinary:Vault:Address", "https://config:8200")).Address!.Host);
    }

    [Fact]
    public void VaultAgentAddr_NotAUrl_NamesTheVariable() =>
        Assert.Contains(
            "The VAULT_AGENT_ADDR environment variable (used because Cloudinary:Vault:Address is not set) is not an absolute URL.",
            VaultOptionsRules.Check(Resolve(new() { ["VAULT_AGENT_ADDR"] = "not a url" }), "Cloudinary:Vault:"));

    [Fact]
    public void TlsVariables_FillTheMatchingSettings()
    {
        var env = new Dictionary<string, string?>
        {
            ["VAULT_CACERT_BYTES"] = "-----BEGIN CERTIFICATE-----",
            ["VAULT_CAPATH"] = "/etc/vault/ca",
            ["VAULT_CLIENT_CERT"] = "/etc/vault/client.pem",
            ["VAULT_CLIENT_KEY"] = "/etc/vault/client-key.pem",
            ["VAULT_TLS_SERVER_NAME"] = "vault.internal",
            ["VAULT_DISABLE_REDIRECTS"] = "true",
        };

        var options = Resolve(env);

        Assert.Equal("-----BEGIN CERTIFICATE-----", options.CaCertificate);
        Assert.Equal("/etc/vault/ca", options.CaCertificateDirectory);
        Assert.Equal("/etc/vault/client.pem", options.ClientCertificateFile);
        Assert.Equal("/etc/vault/client-key.pem", options.ClientKeyFile);
        Assert.Equal("vault.internal", options.TlsServerName);
        Assert.True(options.DisableRedirects);
    }

    [Fact]
    public void VaultDisableRedirects_NotABoolean_NamesTheVariable() =>
        Assert.Contains(Failures(new() { ["VAULT_DISABLE_REDIRECTS"] = "yes" }), f => f.Contains("VAULT_DISABLE_REDIRECTS", StringComparison.Ordinal));

    [Fact]
    public void VaultMaxRetries_FillsMaxRetries_ConfigurationWins_GarbageIsAnError()
    {
        Assert.Equal(5, Resolve(new() { ["VAULT_MAX_RETRIES"] = "5" }).MaxRetries);
        Assert.Equal(1, Resolve(new() { ["VAULT_MAX_RETRIES"] = "5" }, ("Cloudinary:Vault:MaxRetries", "1")).MaxRetries);
        Assert.Contains(Failures(new() { ["VAULT_MAX_RETRIES"] = "-1" }), f => f.Contains("VAULT_MAX_RETRIES", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("1m30s", 90)]
    [InlineData("2m", 120)]
    [InlineData("1.5s", 1.5)]
    public void VaultClientTimeout_SecondsOrGoDuration(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Resolve(new() { ["VAULT_CLIENT_TIMEOUT"] = value }).Timeout);

    [Fact]
    public void VaultClientTimeout_ConfigurationWins_GarbageIsAnError()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Resolve(new() { ["VAULT_CLIENT_TIMEOUT"] = "10" }, ("Cloudinary:Vault:Timeout", "00:00:05")).Timeout);
        Assert.Contains(Failures(new() { ["VAULT_CLIENT_TIMEOUT"] = "ten" }), f => f.Contains("VAULT_CLIENT_TIMEOUT", StringComparison.Ordinal));
    }

    [Fact]
    public void VaultTokenFile_IsTheLastFallbackOfTokenAuth()
    {
        File.WriteAllText(Path.Combine(_home, ".vault-token"), "hvs.from-token-helper\n");

        Assert.Equal("hvs.from-token-helper", Resolve(new()).Auth.Token);
        Assert.Equal("env-token", Resolve(new() { ["VAULT_TOKEN"] = "env-token" }).Auth.Token);
        Assert.Equal("config-token", Resolve(new(), ("Cloudinary:Vault:Auth:Token", "config-token")).Auth.Token);
        Assert.Null(Resolve(new(), ("Cloudinary:Vault:Auth:Method", "AppRole")).Auth.Token);
    }

    [Fact]
    public void NoHome_NoTokenFile_StillAsksForAToken()
    {
        var options = Resolve(new() { ["HOME"] = null });

        Assert.Null(options.Auth.Token);
        Assert.Contains(VaultOptionsRules.Check(options, "Cloudinary:Vault:"), f => f.Contains("~/.vault-token", StringComparison.Ordinal));
    }
}
