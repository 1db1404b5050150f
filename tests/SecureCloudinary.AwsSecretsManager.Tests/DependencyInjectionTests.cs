using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCloudinary.Testing;

namespace SecureCloudinary.AwsSecretsManager.Tests;

public sealed class DependencyInjectionTests : EmulatorTestBase
{
    [Fact]
    public async Task AddAwsSecretsManager_Selected_ProviderReturnsTheSecretAndTheClientPingsCloudinary()
    {
        await using var cloudinary = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        Emulator.CreateSecret("prod/cloudinary", $$"""{"url":"{{cloudinary.Credentials.ToCloudinaryUrl()}}"}""");
        using var host = Build(("Cloudinary:AwsSecretsManager:SecretId", "prod/cloudinary"));

        await host.StartAsync(Ct);
        var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(Ct);
        var ping = await host.Services.GetRequiredService<CloudinaryClient>().PingAsync(Ct);

        Assert.Equal("AwsSecretsManager", host.Services.GetRequiredService<ICloudinaryCredentialProvider>().SourceName);
        Assert.Equal(cloudinary.Credentials.ApiKey, snapshot.Credentials.ApiKey);
        Assert.Equal(Emulator.GetVersionId("prod/cloudinary"), snapshot.Version);
        Assert.Equal("ok", ping.Status);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddAwsSecretsManager_CloudNameFromCloudinarySection_FillsASecretWithoutOne()
    {
        Emulator.CreateSecret("nocloud", """{"api_key":"123456789012345","api_secret":"alpha-secret-value"}""");
        using var host = Build(("Cloudinary:AwsSecretsManager:SecretId", "nocloud"), ("Cloudinary:CloudName", "alpha-cloud"));

        await host.StartAsync(Ct);
        var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddAwsSecretsManager_SelectedWithoutSecretId_FailsStartNamingTheKey()
    {
        using var host = Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Cloudinary:AwsSecretsManager:SecretId is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAwsSecretsManager_UnknownKey_FailsStart()
    {
        using var host = Build(("Cloudinary:AwsSecretsManager:SecretId", "x"), ("Cloudinary:AwsSecretsManager:SecretIdd", "typo"));

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Cloudinary:AwsSecretsManager:SecretIdd is not a setting; did you mean Cloudinary:AwsSecretsManager:SecretId?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("typo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAwsSecretsManager_AnotherSourceSelected_DoesNotValidateItsSettings()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([
            new("Cloudinary:Source", "Configuration"),
            new("Cloudinary:Url", Alpha.ToCloudinaryUrl()),
        ]);
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddAwsSecretsManager();
        using var host = builder.Build();

        await host.StartAsync(Ct);

        Assert.Equal("Configuration", host.Services.GetRequiredService<ICloudinaryCredentialProvider>().SourceName);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddAwsSecretsManager_ConfiguredInCode_ReadsTheSecret()
    {
        Emulator.CreateSecret("code", AwsTestKit.Json(Alpha));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(AwsTestKit.CredentialsFor(Emulator));
        services.AddSecureCloudinary(o => o.Source = "AwsSecretsManager")
            .AddAwsSecretsManager(o =>
            {
                o.SecretId = "code";
                o.ServiceUrl = Emulator.BaseAddress.ToString();
                o.Region = Emulator.Region;
            });
        await using var provider = services.BuildServiceProvider();

        var snapshot = await provider.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
    }

    [Fact]
    public async Task AddAwsSecretsManager_Profile_TakesCredentialsFromTheSharedCredentialsFile()
    {
        Emulator.CreateSecret("profiled", AwsTestKit.Json(Alpha));
        var file = Path.Combine(Path.GetTempPath(), $"aws-credentials-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, $"[emulated]\naws_access_key_id = {Emulator.AccessKeyId}\naws_secret_access_key = {Emulator.SecretAccessKey}\n", Ct);
        try
        {
            using var host = Build(
                withCredentials: false,
                ("Cloudinary:AwsSecretsManager:SecretId", "profiled"),
                ("Cloudinary:AwsSecretsManager:Profile", "emulated"),
                ("Cloudinary:AwsSecretsManager:ProfilesLocation", file));

            await host.StartAsync(Ct);
            var snapshot = await host.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(Ct);

            Assert.Equal(Alpha, snapshot.Credentials);
            await host.StopAsync(Ct);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task GetCredentials_ProfileMissing_ThrowsAccessDeniedNamingTheSetting()
    {
        var file = Path.Combine(Path.GetTempPath(), $"aws-credentials-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, "[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n", Ct);
        try
        {
            var options = AwsTestKit.Options(Emulator, "x");
            options.Profile = "missing";
            options.ProfilesLocation = file;
            var source = new AwsSecretsManagerCredentialSource(options, AwsTestKit.Http);

            var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(Ct));

            Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
            Assert.Contains("Cloudinary:AwsSecretsManager:Profile", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private IHost Build(params (string Key, string? Value)[] values) => Build(withCredentials: true, values);

    private IHost Build(bool withCredentials, params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([
            new("Cloudinary:Source", "AwsSecretsManager"),
            new("Cloudinary:AwsSecretsManager:ServiceUrl", Emulator.BaseAddress.ToString()),
            new("Cloudinary:AwsSecretsManager:Region", Emulator.Region),
            .. values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)),
        ]);
        if (withCredentials)
        {
            builder.Services.AddSingleton<AWSCredentials>(AwsTestKit.CredentialsFor(Emulator));
        }

        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary")).AddAwsSecretsManager();
        return builder.Build();
    }
}
