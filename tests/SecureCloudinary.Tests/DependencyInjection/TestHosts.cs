using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SecureCloudinary.Tests.DependencyInjection;

/// <summary>Hosts and service collections over in-memory configuration only (no environment, no files).</summary>
internal static class TestHosts
{
    public static IConfigurationRoot Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    public static HostApplicationBuilder Builder(params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddFakeLogging();
        return builder;
    }

    public static ServiceProvider Provider(
        Action<ISecureCloudinaryBuilder>? extend = null, params (string Key, string? Value)[] values)
    {
        var configuration = Configuration(values);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        var builder = services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));
        extend?.Invoke(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
