using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecureCloudinary;
using SecureCloudinary.Internal;
using SecureCloudinary.Vault;
using SecureCloudinary.Vault.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the HashiCorp Vault credential source to SecureCloudinary.</summary>
public static class VaultSecureCloudinaryBuilderExtensions
{
    /// <summary>
    /// Makes the Vault source selectable with <c>Cloudinary:Source = Vault</c>. Settings are bound from
    /// <c>Cloudinary:Vault</c> (see <see cref="VaultCredentialSourceOptions"/>; an unknown key there fails the start), then <paramref name="configure"/>
    /// runs, then unset connection settings fall back to the official Vault client's environment variables
    /// (<c>VAULT_AGENT_ADDR</c>, <c>VAULT_ADDR</c>, <c>VAULT_NAMESPACE</c>, the TLS, retry, timeout and redirect variables,
    /// <c>VAULT_TOKEN</c>) and then <c>~/.vault-token</c>. They are validated when the host starts, only if Vault is the
    /// selected source.
    /// <para>
    /// The identity needs, in its Vault policy: <c>read</c> on <c>{mount}/data/{path}</c> (KV v2) or
    /// <c>{mount}/{path}</c> (KV v1). KV version detection through <c>sys/internal/ui/mounts/{mount}</c> needs no
    /// extra grant (any capability on the mount suffices); token renewal uses <c>auth/token/renew-self</c> and the
    /// token method's start-up check <c>auth/token/lookup-self</c>, both granted by Vault's <c>default</c> policy.
    /// Nothing else: no <c>list</c>, no <c>metadata/</c>, no write.
    /// </para>
    /// </summary>
    /// <param name="builder">The builder <c>AddSecureCloudinary</c> returned.</param>
    /// <param name="configure">Changes the settings after binding, or null.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ISecureCloudinaryBuilder AddVault(
        this ISecureCloudinaryBuilder builder, Action<VaultCredentialSourceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<VaultCredentialSourceOptions>();
        string prefix;
        if (builder.Configuration is { } cloudinary)
        {
            options.Bind(cloudinary.GetSection(VaultCredentialSourceOptions.SectionName));
            var path = cloudinary is IConfigurationSection section && section.Path.Length > 0 ? section.Path : "Cloudinary";
            prefix = $"{path}:{VaultCredentialSourceOptions.SectionName}:";
        }
        else
        {
            options.Configure<IServiceProvider>((o, sp) =>
                sp.GetService<IConfiguration>()?.GetSection("Cloudinary:" + VaultCredentialSourceOptions.SectionName).Bind(o));
            prefix = $"Cloudinary:{VaultCredentialSourceOptions.SectionName}:";
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton(new ConfigurationSectionRegistration(VaultCredentialSourceOptions.SectionName, typeof(VaultCredentialSourceOptions)));
        services.TryAddSingleton(VaultEnvironment.Process);
        services.TryAddSingleton(new VaultSettingPrefix(prefix));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<VaultCredentialSourceOptions>, VaultEnvironmentFallback>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VaultCredentialSourceOptions>, VaultOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(VaultCredentialSource.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // Cloudinary:Vault:Timeout applies per request
            .ConfigurePrimaryHttpMessageHandler(sp => VaultHttpHandlerFactory.Create(
                sp.GetRequiredService<IOptions<VaultCredentialSourceOptions>>().Value,
                Logger(sp)));
        services.TryAddSingleton(CreateSource);
        builder.AddCredentialSource(VaultCredentialSource.SourceName, sp => sp.GetRequiredService<VaultCredentialSource>());
        builder.AddCredentialStoreWriter(VaultCredentialSource.SourceName, sp => new VaultCredentialStoreWriter(sp.GetRequiredService<VaultCredentialSource>()));
        return builder;
    }

    private static VaultCredentialSource CreateSource(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IHttpClientFactory>();
        return new VaultCredentialSource(
            () => factory.CreateClient(VaultCredentialSource.HttpClientName),
            services.GetRequiredService<IOptions<VaultCredentialSourceOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ILoggerFactory>(),
            services.GetRequiredService<VaultSettingPrefix>().Value);
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<VaultCredentialSource>() ?? (ILogger)NullLogger.Instance;
}
