using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SecureCloudinary.Conjur.Internal;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.Conjur;

namespace SecureCloudinary.Conjur.Tests;

/// <summary><c>AddConjur()</c> on the builders of named accounts (<c>Cloudinary:Accounts:{name}:Conjur</c>).</summary>
public sealed class ConjurNamedAccountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoAccounts_OnTwoConjurServers_EachReadsItsOwnVariablesWithItsOwnClient()
    {
        await using var mediaKit = await ConjurTestKit.StartAsync(Ct, o => o.Account = "media-org");
        await using var marketingKit = await ConjurTestKit.StartAsync(Ct, o => o.Account = "marketing-org");
        await using var mediaCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "media-cloud" }, Ct);
        mediaKit.Set(ConjurTestKit.UrlVariable, mediaCloud.Credentials.ToCloudinaryUrl());
        // marketing: two variables, the cloud name from its own account section (no URL: not pinged).
        marketingKit.Set("marketing/key", "987654321098765");
        marketingKit.Set("marketing/secret", "Marketing-Secret_0102");
        var builder = Builder(
            ("Cloudinary:Accounts:media:Source", "Conjur"),
            ("Cloudinary:Accounts:media:Conjur:ApplianceUrl", mediaKit.Emulator.BaseAddress.ToString()),
            ("Cloudinary:Accounts:media:Conjur:Account", "media-org"),
            ("Cloudinary:Accounts:media:Conjur:Login", ConjurTestKit.Login),
            ("Cloudinary:Accounts:media:Conjur:ApiKey", mediaKit.ApiKey),
            ("Cloudinary:Accounts:media:Conjur:Variable", ConjurTestKit.UrlVariable),
            ("Cloudinary:Accounts:media:Conjur:Timeout", "00:00:41"),
            ("Cloudinary:Accounts:marketing:Source", "Conjur"),
            ("Cloudinary:Accounts:marketing:CloudName", "marketing-cloud"),
            ("Cloudinary:Accounts:marketing:Conjur:ApplianceUrl", marketingKit.Emulator.BaseAddress.ToString()),
            ("Cloudinary:Accounts:marketing:Conjur:Account", "marketing-org"),
            ("Cloudinary:Accounts:marketing:Conjur:Login", ConjurTestKit.Login),
            ("Cloudinary:Accounts:marketing:Conjur:ApiKey", marketingKit.ApiKey),
            ("Cloudinary:Accounts:marketing:Conjur:Variables:ApiKey", "marketing/key"),
            ("Cloudinary:Accounts:marketing:Conjur:Variables:ApiSecret", "marketing/secret"),
            ("Cloudinary:Accounts:marketing:Conjur:Timeout", "00:00:42"));
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddConjur();
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddConjur();
        using var host = builder.Build();

        await host.StartAsync(Ct);
        var media = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media").GetSnapshotAsync(Ct);
        var marketing = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("marketing").GetSnapshotAsync(Ct);
        var mediaPing = await host.Services.GetRequiredKeyedService<CloudinaryClient>("media").PingAsync(Ct);
        await host.StopAsync(Ct);

        Assert.Equal(mediaCloud.Credentials.ApiKey, media.Credentials.ApiKey);
        Assert.Equal(new CloudinaryCredentials("marketing-cloud", "987654321098765", "Marketing-Secret_0102"), marketing.Credentials);
        Assert.Equal("ok", mediaPing.Status);
        Assert.Contains(mediaKit.Requests("/secrets/media-org/variable/"), r => r.StatusCode == 200);
        Assert.Contains(marketingKit.Requests("/secrets?variable_ids="), r => r.StatusCode == 200);
        Assert.DoesNotContain(mediaKit.Emulator.Requests, r => r.Target.Contains("marketing", StringComparison.Ordinal));
        Assert.DoesNotContain(marketingKit.Emulator.Requests, r => r.Target.Contains("media", StringComparison.Ordinal));
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();
        Assert.Equal(TimeSpan.FromSeconds(41), factory.CreateClient("SecureCloudinary.Conjur:media").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(42), factory.CreateClient("SecureCloudinary.Conjur:marketing").Timeout);
        Assert.NotSame(
            host.Services.GetRequiredKeyedService<ConjurCredentialSource>("media"),
            host.Services.GetRequiredKeyedService<ConjurCredentialSource>("marketing"));
        var reads = host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Name == "ConjurSecretsRead").ToList();
        Assert.Equal(["marketing", "media"], reads.Select(AccountOf).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnnamedAndNamedAccount_BothOnConjur_KeepTheirOwnSettingsAndStoreWriters()
    {
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        kit.Set("default/url", "cloudinary://111111111111111:default-secret@default-cloud");
        kit.Set("named/url", "cloudinary://222222222222222:named-secret@named-cloud");
        kit.Emulator.Permit(ConjurTestKit.Login, "named/url", ConjurPrivileges.Read | ConjurPrivileges.Execute | ConjurPrivileges.Update);
        var builder = Builder(
            ("Cloudinary:Source", "Conjur"),
            ("Cloudinary:Conjur:Variable", "default/url"),
            ("Cloudinary:Accounts:named:Source", "Conjur"),
            ("Cloudinary:Accounts:named:Conjur:Variable", "named/url"));
        void Connect(ConjurCredentialSourceOptions o)
        {
            o.ApplianceUrl = kit.Emulator.BaseAddress;
            o.Account = kit.Emulator.Account;
            o.Login = ConjurTestKit.Login;
            o.ApiKey = kit.ApiKey;
        }

        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddConjur(Connect);
        builder.Services.AddSecureCloudinary("named", builder.Configuration).AddConjur(Connect);
        using var host = builder.Build();

        await host.StartAsync(Ct);
        var unnamed = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(Ct);
        var named = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("named").GetSnapshotAsync(Ct);
        var namedWriter = host.Services.GetKeyedCloudinaryCredentialStoreWriter("named")!;
        await namedWriter.WriteAsync(await namedWriter.ReadAsync(Ct), new CloudinaryCredentials("named-cloud", "333333333333333", "named-rotated"), Ct);
        var namedAfter = await namedWriter.ReadAsync(Ct);
        var unnamedAfter = await host.Services.GetCloudinaryCredentialStoreWriter()!.ReadAsync(Ct);
        await host.StopAsync(Ct);

        Assert.Equal("default-cloud", unnamed.Credentials.CloudName);
        Assert.Equal("named-cloud", named.Credentials.CloudName);
        Assert.Equal("333333333333333", namedAfter.Credentials.ApiKey);
        Assert.Equal(unnamed.Credentials, unnamedAfter.Credentials);
        Assert.Equal(TimeSpan.FromSeconds(30), host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("SecureCloudinary.Conjur").Timeout);
    }

    [Fact]
    public async Task NamedAccount_LeavingConnectionSettingsUnset_UsesTheConjurEnvironmentVariables()
    {
        await using var kit = await ConjurTestKit.StartAsync(Ct);
        kit.Set(ConjurTestKit.UrlVariable, "cloudinary://123456789012345:from-env-secret@env-cloud");
        var environment = new Dictionary<string, string?>
        {
            ["CONJUR_APPLIANCE_URL"] = kit.Emulator.BaseAddress.ToString(),
            ["CONJUR_ACCOUNT"] = kit.Emulator.Account,
            ["CONJUR_AUTHN_LOGIN"] = ConjurTestKit.Login,
            ["CONJUR_AUTHN_API_KEY"] = kit.ApiKey,
        };
        var builder = Builder(
            ("Cloudinary:Accounts:media:Source", "Conjur"),
            ("Cloudinary:Accounts:media:Conjur:Variable", ConjurTestKit.UrlVariable));
        builder.Services.AddSingleton(new ConjurEnvironment(name => environment.GetValueOrDefault(name)));
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddConjur();
        using var host = builder.Build();

        await host.StartAsync(Ct);
        var snapshot = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media").GetSnapshotAsync(Ct);
        await host.StopAsync(Ct);

        Assert.Equal("env-cloud", snapshot.Credentials.CloudName);
        Assert.Equal(kit.Emulator.BaseAddress, host.Services.GetRequiredService<IOptionsMonitor<ConjurCredentialSourceOptions>>().Get("media").ApplianceUrl);
    }

    [Fact]
    public async Task NamedAccount_SelectedWithoutApplianceUrl_FailsStartNamingTheAccountsKey_AndAnAccountNotSelectingItIsNotValidated()
    {
        var builder = Builder(
            ("Cloudinary:Accounts:marketing:Source", "Conjur"),
            ("Cloudinary:Accounts:marketing:Conjur:Account", "myorg"),
            ("Cloudinary:Accounts:media:Source", "Configuration"),
            ("Cloudinary:Accounts:media:Url", "cloudinary://123456789012345:media-secret@media"),
            ("Cloudinary:Accounts:media:Conjur:ApplianceUrl", "http://not-loopback.example"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddConjur();
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddConjur();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Cloudinary:Accounts:marketing:Conjur:ApplianceUrl is required", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudinary:Accounts:marketing:Conjur:Account is required", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("media", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudinary:Conjur:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cloudinary:Accounts:marketing:Conjur:Acount", "Cloudinary:Accounts:marketing:Conjur:Account")]
    [InlineData("Cloudinary:Accounts:marketing:Conjur:Variables:ApiKy", "Cloudinary:Accounts:marketing:Conjur:Variables:ApiKey")]
    public async Task NamedAccount_MisspeltKey_FailsStartNamingTheFullPathAndTheNearestName(string key, string nearest)
    {
        var builder = Builder(
            ("Cloudinary:Accounts:marketing:Source", "Configuration"),
            ("Cloudinary:Accounts:marketing:Url", "cloudinary://123456:abc@demo"),
            (key, "typo-value-example"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddConjur();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains($"{key} is not a setting; did you mean {nearest}?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("typo-value-example", e.Message, StringComparison.Ordinal);
    }

    private static string? AccountOf(FakeLogRecord record) =>
        record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>()
            .SelectMany(s => s)
            .Where(p => p.Key == "SecureCloudinary.Account")
            .Select(p => p.Value as string)
            .FirstOrDefault();

    private static HostApplicationBuilder Builder(params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddFakeLogging();
        builder.Services.AddSingleton(new ConjurEnvironment(_ => null)); // never the real environment, ~/.conjurrc or ~/.netrc
        return builder;
    }
}
