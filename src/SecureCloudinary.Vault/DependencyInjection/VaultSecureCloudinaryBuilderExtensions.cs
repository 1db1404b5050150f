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
        var account = SecureCloudinaryBuilder.AccountOf(builder);
        var options = services.AddOptions<VaultCredentialSourceOptions>(account);
        var sectionPath = SecureCloudinaryBuilder.SectionPathOf(builder);
        if (builder.Configuration is { } cloudinary)
        {
            options.Bind(cloudinary.GetSection(VaultCredentialSourceOptions.SectionName));
        }
        else
        {
            options.Configure<IServiceProvider>((o, sp) =>
                sp.GetService<IConfiguration>()?.GetSection($"{sectionPath}:{VaultCredentialSourceOptions.SectionName}").Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton(new ConfigurationSectionRegistration(VaultCredentialSourceOptions.SectionName, typeof(VaultCredentialSourceOptions), account));
        services.TryAddSingleton(VaultEnvironment.Process);
        AddPrefix(services, new VaultSettingPrefix($"{sectionPath}:{VaultCredentialSourceOptions.SectionName}:", account));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<VaultCredentialSourceOptions>, VaultEnvironmentFallback>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VaultCredentialSourceOptions>, VaultOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        var httpClientName = HttpClientNameOf(account);
        services.AddHttpClient(httpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // Cloudinary:Vault:Timeout applies per request
            .ConfigurePrimaryHttpMessageHandler(sp => VaultHttpHandlerFactory.Create(
                sp.GetRequiredService<IOptionsMonitor<VaultCredentialSourceOptions>>().Get(account),
                Logger(sp, account)));
        SecureCloudinaryBuilder.AddAccountSource(
            builder,
            VaultCredentialSource.SourceName,
            sp => CreateSource(sp, account),
            source => new VaultCredentialStoreWriter(source),
            unnamedSingleton: true);
        return builder;
    }

    /// <summary>The HTTP client of an account: <see cref="VaultCredentialSource.HttpClientName"/>, suffixed for a named account (its TLS settings are its own).</summary>
    internal static string HttpClientNameOf(string account) =>
        account.Length == 0 ? VaultCredentialSource.HttpClientName : $"{VaultCredentialSource.HttpClientName}:{account}";

    private static void AddPrefix(IServiceCollection services, VaultSettingPrefix prefix)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ImplementationInstance is VaultSettingPrefix existing
                && string.Equals(existing.Account, prefix.Account, StringComparison.Ordinal))
            {
                return;
            }
        }

        services.AddSingleton(prefix);
    }

    private static VaultCredentialSource CreateSource(IServiceProvider services, string account)
    {
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var name = HttpClientNameOf(account);
        var logger = services.GetService<ILoggerFactory>();
        return new VaultCredentialSource(
            () => factory.CreateClient(name),
            services.GetRequiredService<IOptionsMonitor<VaultCredentialSourceOptions>>().Get(account),
            services.GetRequiredService<TimeProvider>(),
            account.Length == 0 || logger is null ? logger : new AccountScopedLoggerFactory(logger, account),
            VaultSettingPrefix.Of(services.GetServices<VaultSettingPrefix>(), account));
    }

    private static ILogger Logger(IServiceProvider services, string account) =>
        AccountScopedLogger<VaultCredentialSource>.For(services, account) ?? (ILogger)NullLogger.Instance;
}
