using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary><c>AddAwsSecretsManager()</c> on the builders of named accounts (<c>Cloudinary:Accounts:{name}:AwsSecretsManager</c>).</summary>
public sealed class NamedAccountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoAccounts_SameBackendDifferentSecretsRegionsAndIdentities_EachReadsItsOwnAndPingsItsCloudinary()
    {
        await using var eu = await SecretsManagerEmulator.StartAsync(new SecretsManagerEmulatorOptions { Region = "eu-west-1" }, Ct);
        await using var us = await SecretsManagerEmulator.StartAsync(new SecretsManagerEmulatorOptions { Region = "us-east-2" }, Ct);
        await using var mediaCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "media-cloud" }, Ct);
        await using var marketingCloud = await CloudinaryEmulator.StartAsync(new CloudinaryEmulatorOptions { CloudName = "marketing-cloud" }, Ct);
        eu.CreateSecret("media/cloudinary", $$"""{"url":"{{mediaCloud.Credentials.ToCloudinaryUrl()}}"}""");
        us.CreateSecret("marketing/cloudinary", $$"""{"url":"{{marketingCloud.Credentials.ToCloudinaryUrl()}}"}""");
        var builder = Builder(
            ("Cloudinary:Accounts:media:Source", "AwsSecretsManager"),
            ("Cloudinary:Accounts:media:AwsSecretsManager:SecretId", "media/cloudinary"),
            ("Cloudinary:Accounts:media:AwsSecretsManager:ServiceUrl", eu.BaseAddress.ToString()),
            ("Cloudinary:Accounts:media:AwsSecretsManager:Region", eu.Region),
            ("Cloudinary:Accounts:marketing:Source", "AwsSecretsManager"),
            ("Cloudinary:Accounts:marketing:AwsSecretsManager:SecretId", "marketing/cloudinary"),
            ("Cloudinary:Accounts:marketing:AwsSecretsManager:ServiceUrl", us.BaseAddress.ToString()),
            ("Cloudinary:Accounts:marketing:AwsSecretsManager:Region", us.Region));
        // The media identity is keyed by its account; marketing falls back to the unkeyed one.
        builder.Services.AddKeyedSingleton<AWSCredentials>("media", AwsTestKit.CredentialsFor(eu));
        builder.Services.AddSingleton<AWSCredentials>(AwsTestKit.CredentialsFor(us));
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddAwsSecretsManager();
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddAwsSecretsManager();
        using var host = builder.Build();

        await host.StartAsync(Ct);
        var media = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("media").GetSnapshotAsync(Ct);
        var marketing = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("marketing").GetSnapshotAsync(Ct);
        var mediaPing = await host.Services.GetRequiredKeyedService<CloudinaryClient>("media").PingAsync(Ct);
        var marketingPing = await host.Services.GetRequiredKeyedService<CloudinaryClient>("marketing").PingAsync(Ct);
        await host.StopAsync(Ct);

        Assert.Equal(mediaCloud.Credentials.ApiKey, media.Credentials.ApiKey);
        Assert.Equal(eu.GetVersionId("media/cloudinary"), media.Version);
        Assert.Equal(marketingCloud.Credentials.ApiKey, marketing.Credentials.ApiKey);
        Assert.Equal(us.GetVersionId("marketing/cloudinary"), marketing.Version);
        Assert.Equal(("ok", "ok"), (mediaPing.Status, marketingPing.Status));
        Assert.All(eu.Requests, r => Assert.Equal((200, "media/cloudinary", eu.AccessKeyId), (r.StatusCode, r.SecretId, r.AccessKeyId)));
        Assert.All(us.Requests, r => Assert.Equal((200, "marketing/cloudinary", us.AccessKeyId), (r.StatusCode, r.SecretId, r.AccessKeyId)));
        Assert.Contains(mediaCloud.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal) && r.StatusCode == 200);
        Assert.Contains(marketingCloud.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal) && r.StatusCode == 200);
        Assert.NotSame(
            host.Services.GetRequiredKeyedService<AwsSecretsManagerCredentialSource>("media"),
            host.Services.GetRequiredKeyedService<AwsSecretsManagerCredentialSource>("marketing"));
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<AwsSecretsManagerCredentialSourceOptions>>();
        Assert.Equal(("media/cloudinary", "marketing/cloudinary"), (monitor.Get("media").SecretId, monitor.Get("marketing").SecretId));
        var reads = host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Name == "AwsSecretRead").ToList();
        Assert.Equal(["marketing", "media"], reads.Select(AccountOf).Distinct().Order(StringComparer.Ordinal));
        Assert.All(reads, r => Assert.Contains(AccountOf(r) == "media" ? "eu-west-1" : "us-east-2", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnnamedAndNamedAccount_BothOnAws_KeepTheirOwnSettings()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        emulator.CreateSecret("default/cloudinary", AwsTestKit.Json(new CloudinaryCredentials("default-cloud", "111111111111111", "default-secret")));
        emulator.CreateSecret("named/cloudinary", AwsTestKit.Json(new CloudinaryCredentials("named-cloud", "222222222222222", "named-secret")));
        var builder = Builder(
            ("Cloudinary:Source", "AwsSecretsManager"),
            ("Cloudinary:AwsSecretsManager:SecretId", "default/cloudinary"),
            ("Cloudinary:AwsSecretsManager:ServiceUrl", emulator.BaseAddress.ToString()),
            ("Cloudinary:AwsSecretsManager:Region", emulator.Region),
            ("Cloudinary:Accounts:named:Source", "AwsSecretsManager"),
            ("Cloudinary:Accounts:named:AwsSecretsManager:ServiceUrl", emulator.BaseAddress.ToString()),
            ("Cloudinary:Accounts:named:AwsSecretsManager:Region", emulator.Region));
        builder.Services.AddSingleton<AWSCredentials>(AwsTestKit.CredentialsFor(emulator));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddAwsSecretsManager();
        builder.Services.AddSecureCloudinary("named", builder.Configuration).AddAwsSecretsManager(o => o.SecretId = "named/cloudinary");
        using var host = builder.Build();

        await host.StartAsync(Ct);
        var unnamed = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(Ct);
        var named = await host.Services.GetRequiredKeyedService<ICloudinaryCredentialProvider>("named").GetSnapshotAsync(Ct);
        var unnamedWriter = host.Services.GetCloudinaryCredentialStoreWriter();
        var namedWriter = host.Services.GetKeyedCloudinaryCredentialStoreWriter("named");
        await host.StopAsync(Ct);

        Assert.Equal("default-cloud", unnamed.Credentials.CloudName);
        Assert.Equal("named-cloud", named.Credentials.CloudName);
        Assert.Equal("default-cloud", (await unnamedWriter!.ReadAsync(Ct)).Credentials.CloudName);
        Assert.Equal("named-cloud", (await namedWriter!.ReadAsync(Ct)).Credentials.CloudName);
        var reads = host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Name == "AwsSecretRead").ToList();
        Assert.Contains(reads, r => r.Message.Contains("default/cloudinary", StringComparison.Ordinal) && AccountOf(r) is null);
        Assert.Contains(reads, r => r.Message.Contains("named/cloudinary", StringComparison.Ordinal) && AccountOf(r) == "named");
        Assert.DoesNotContain(reads, r => r.Message.Contains("default/cloudinary", StringComparison.Ordinal) && AccountOf(r) is not null);
    }

    [Fact]
    public async Task StoreWriter_OfANamedAccount_RotatesThatAccountsSecretOnly()
    {
        await using var emulator = await SecretsManagerEmulator.StartAsync(cancellationToken: Ct);
        var a = new CloudinaryCredentials("a-cloud", "111111111111111", "a-secret-value");
        var b = new CloudinaryCredentials("b-cloud", "222222222222222", "b-secret-value");
        emulator.CreateSecret("a", AwsTestKit.Json(a));
        emulator.CreateSecret("b", AwsTestKit.Json(b));
        var bVersion = emulator.GetVersionId("b");
        var builder = Builder(
            ("Cloudinary:Accounts:a:Source", "AwsSecretsManager"),
            ("Cloudinary:Accounts:a:AwsSecretsManager:SecretId", "a"),
            ("Cloudinary:Accounts:b:Source", "AwsSecretsManager"),
            ("Cloudinary:Accounts:b:AwsSecretsManager:SecretId", "b"));
        builder.Services.AddSingleton<AWSCredentials>(AwsTestKit.CredentialsFor(emulator));
        foreach (var account in new[] { "a", "b" })
        {
            builder.Services.AddSecureCloudinary(account, builder.Configuration).AddAwsSecretsManager(o =>
            {
                o.ServiceUrl = emulator.BaseAddress.ToString();
                o.Region = emulator.Region;
            });
        }

        using var host = builder.Build();
        await host.StartAsync(Ct);
        var writer = host.Services.GetKeyedCloudinaryCredentialStoreWriter("a")!;

        var written = await writer.WriteAsync(await writer.ReadAsync(Ct), new CloudinaryCredentials("a-cloud", "333333333333333", "a-rotated-value"), Ct);
        await host.StopAsync(Ct);

        Assert.Equal(emulator.GetVersionId("a"), written.Version);
        Assert.Equal(bVersion, emulator.GetVersionId("b"));
        Assert.DoesNotContain(emulator.Requests, r => r.SecretId == "b" && r.Operation != "GetSecretValue");
    }

    [Fact]
    public async Task NamedAccount_SelectedWithoutSecretId_FailsStartNamingTheAccountsKey_AndAnAccountNotSelectingItIsNotValidated()
    {
        var builder = Builder(
            ("Cloudinary:Accounts:marketing:Source", "AwsSecretsManager"),
            ("Cloudinary:Accounts:marketing:AwsSecretsManager:Region", "eu-west-1"),
            ("Cloudinary:Accounts:media:Source", "Configuration"),
            ("Cloudinary:Accounts:media:Url", "cloudinary://123456789012345:media-secret@media"),
            ("Cloudinary:Accounts:media:AwsSecretsManager:Region", "NOT A REGION"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddAwsSecretsManager();
        builder.Services.AddSecureCloudinary("media", builder.Configuration).AddAwsSecretsManager();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Cloudinary:Accounts:marketing:AwsSecretsManager:SecretId is required", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("media", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cloudinary:AwsSecretsManager:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedAccount_MisspeltKey_FailsStartNamingTheFullPathAndTheNearestName()
    {
        var builder = Builder(
            ("Cloudinary:Accounts:marketing:Source", "AwsSecretsManager"),
            ("Cloudinary:Accounts:marketing:AwsSecretsManager:SecretId", "x"),
            ("Cloudinary:Accounts:marketing:AwsSecretsManager:Regoin", "typo-value-eu-west-1"));
        builder.Services.AddSecureCloudinary("marketing", builder.Configuration).AddAwsSecretsManager();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(
            "Cloudinary:Accounts:marketing:AwsSecretsManager:Regoin is not a setting; did you mean Cloudinary:Accounts:marketing:AwsSecretsManager:Region?",
            e.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("typo-value", e.Message, StringComparison.Ordinal);
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
        return builder;
    }
}
