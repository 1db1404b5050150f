using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCloudinary;
using SecureCloudinary.Internal;
using SecureCloudinary.Sources;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SecureCloudinary: credential sources, the credential provider and <see cref="CloudinaryClient"/>.</summary>
public static class SecureCloudinaryServiceCollectionExtensions
{
    /// <summary>
    /// Adds SecureCloudinary with its settings bound from a configuration section, normally
    /// <c>builder.Configuration.GetSection("Cloudinary")</c>. <c>Cloudinary:Source</c> selects the credential
    /// source (default <c>Environment</c>; <c>Configuration</c> is also built in). Settings are validated when
    /// the host starts, and credentials are resolved then unless <c>Cloudinary:ResolveOnStart</c> is false.
    /// Calling this again with the same section adds nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">
    /// The <c>Cloudinary</c> section. When a configuration root is passed, its <c>Cloudinary</c> section is used.
    /// </param>
    /// <returns>A builder that backend packages extend (<c>AddVault()</c>, …).</returns>
    public static ISecureCloudinaryBuilder AddSecureCloudinary(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return AddBound(services, Options.Options.DefaultName, section);
    }

    /// <summary>
    /// Adds SecureCloudinary with its settings set in code. <see cref="SecureCloudinaryOptions.Source"/> selects
    /// the credential source; the <c>Configuration</c> source then reads the app's <c>Cloudinary</c> section.
    /// Calling this again with the same delegate adds nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder that backend packages extend (<c>AddVault()</c>, …).</returns>
    public static ISecureCloudinaryBuilder AddSecureCloudinary(this IServiceCollection services, Action<SecureCloudinaryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddConfigured(services, Options.Options.DefaultName, configure);
    }

    /// <summary>
    /// Adds a named Cloudinary account, normally bound from <c>Cloudinary:Accounts:{account}</c>. It gets its own
    /// source selection, backend settings, credential cache, refresh schedule and 401 handling, and its services are
    /// keyed by <paramref name="account"/>: inject <c>[FromKeyedServices("marketing")] CloudinaryClient</c> or call
    /// <c>GetRequiredKeyedService&lt;CloudinaryClient&gt;("marketing")</c> (likewise
    /// <see cref="ICloudinaryCredentialProvider"/>). Backends added to the returned builder (<c>AddVault()</c>, …) belong
    /// to this account only and read their settings below its section (e.g. <c>Cloudinary:Accounts:marketing:Vault</c>).
    /// Messages name the account's keys. The unnamed registration is separate and unchanged. Calling this again with
    /// the same account and section adds nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="account">The account name: the service key, and the options name.</param>
    /// <param name="section">
    /// The account's section. When a configuration root is passed, its <c>Cloudinary:Accounts:{account}</c> section is used.
    /// </param>
    /// <returns>A builder for this account that backend packages extend.</returns>
    public static ISecureCloudinaryBuilder AddSecureCloudinary(this IServiceCollection services, string account, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return AddBound(services, CheckAccountName(account), section);
    }

    /// <summary>
    /// Adds a named Cloudinary account with its settings set in code; see
    /// <see cref="AddSecureCloudinary(IServiceCollection, string, IConfiguration)"/>. Its <c>Configuration</c> source and
    /// its backends read the app's <c>Cloudinary:Accounts:{account}</c> section. Calling this again with the same
    /// account and delegate adds nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="account">The account name: the service key, and the options name.</param>
    /// <param name="configure">Sets the account's options.</param>
    /// <returns>A builder for this account that backend packages extend.</returns>
    public static ISecureCloudinaryBuilder AddSecureCloudinary(this IServiceCollection services, string account, Action<SecureCloudinaryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddConfigured(services, CheckAccountName(account), configure);
    }

    private static string CheckAccountName(string account)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        if (!string.Equals(account, account.Trim(), StringComparison.Ordinal) || account.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "An account name must not start or end with white space and must not contain ':' (it is a configuration key).",
                nameof(account));
        }

        return account;
    }

    private static SecureCloudinaryBuilder AddBound(IServiceCollection services, string account, IConfiguration section)
    {
        if (section is not IConfigurationSection)
        {
            section = section.GetSection(SecureCloudinaryRegistration.DefaultSectionPathFor(account));
        }

        var bound = (IConfigurationSection)section;
        var registration = AddAccount(services, account);
        if (registration.BoundSections.Add(bound.Path))
        {
            registration.Section = section;
            // The binder cannot read "Infinite" as a TimeSpan: the lifecycle keys are bound separately.
            var visible = new HiddenKeysConfigurationSection(bound, LifecycleSettingsBinding.Keys);
            services.AddSingleton<IOptionsChangeTokenSource<SecureCloudinaryOptions>>(
                new ConfigurationChangeTokenSource<SecureCloudinaryOptions>(account, bound));
            services.Configure<SecureCloudinaryOptions>(account, options =>
            {
                visible.Bind(options);
                LifecycleSettingsBinding.Apply(bound, options);
            });
        }

        return new SecureCloudinaryBuilder(services, section, account);
    }

    private static SecureCloudinaryBuilder AddConfigured(IServiceCollection services, string account, Action<SecureCloudinaryOptions> configure)
    {
        var registration = AddAccount(services, account);
        if (registration.Configurations.Add(configure))
        {
            services.Configure(account, configure);
        }

        return new SecureCloudinaryBuilder(services, registration.Section, account);
    }

    private static SecureCloudinaryRegistration AddAccount(IServiceCollection services, string account)
    {
        var first = true;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(SecureCloudinaryRegistration)
                && descriptor.ImplementationInstance is SecureCloudinaryRegistration existing)
            {
                if (string.Equals(existing.Account, account, StringComparison.Ordinal))
                {
                    return existing;
                }

                first = false;
            }
        }

        if (first)
        {
            AddShared(services);
        }

        var registration = new SecureCloudinaryRegistration(account);
        services.AddSingleton(registration);
        services.AddOptions<SecureCloudinaryOptions>(account).ValidateOnStart();
        new SecureCloudinaryBuilder(services, configuration: null, account)
            .AddCredentialSource(EnvironmentCredentialSource.SourceName, _ => new EnvironmentCredentialSource())
            .AddCredentialSource(ConfigurationCredentialSource.SourceName, sp => CreateConfigurationSource(sp, registration));

        if (registration.IsDefault)
        {
            services.TryAddSingleton<ICloudinaryCredentialProvider>(sp => CreateProvider(sp, registration));
            services.TryAddTransient(sp => CreateClient(sp, registration));
        }
        else
        {
            services.AddKeyedSingleton<ICloudinaryCredentialProvider>(account, (sp, _) => CreateProvider(sp, registration));
            services.AddKeyedTransient(account, (sp, _) => CreateClient(sp, registration));
        }

        return registration;
    }

    /// <summary>What every account shares: validators, the clock, the start-up resolver and the Cloudinary HTTP client.</summary>
    private static void AddShared(IServiceCollection services)
    {
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SecureCloudinaryOptions>, SecureCloudinaryOptionsRules>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SecureCloudinaryOptions>, UnknownConfigurationKeysValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CredentialStartupResolver>());
        // Redirects are never followed: a 3xx from the configured endpoint must not send the signed form or the
        // Basic credentials to another host (the client reports a 3xx as an error naming the endpoint setting).
        services.AddHttpClient(CloudinaryClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) => DisableAutoRedirect(handler));
    }

    private static void DisableAutoRedirect(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }

    private static CloudinaryClient CreateClient(IServiceProvider services, SecureCloudinaryRegistration registration) =>
        new(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(CloudinaryClient.HttpClientName),
            SecureCloudinaryRegistration.GetAccountService<ICloudinaryCredentialProvider>(services, registration.Account),
            services.GetRequiredService<IOptionsMonitor<SecureCloudinaryOptions>>().Get(registration.Account),
            services.GetRequiredService<TimeProvider>(),
            AccountScopedLogger<CloudinaryClient>.For(services, registration.Account))
        {
            Account = registration.IsDefault ? null : registration.Account,
        };

    private static CloudinaryCredentialProvider CreateProvider(IServiceProvider services, SecureCloudinaryRegistration registration)
    {
        // Reading the options runs the validators, so an unknown source fails here too when no host validated on start.
        var options = services.GetRequiredService<IOptionsMonitor<SecureCloudinaryOptions>>().Get(registration.Account);
        var sources = CredentialSourceRegistration.Of(services.GetServices<CredentialSourceRegistration>(), registration.Account);
        var selected = SecureCloudinaryOptionsRules.Find(sources, options.Source)
            ?? throw new InvalidOperationException($"{registration.SectionPath}:Source names a credential source that is not registered.");
        return new CloudinaryCredentialProvider(
            selected.Factory(services),
            AccountScopedLogger<CloudinaryCredentialProvider>.For(services, registration.Account),
            options,
            services.GetRequiredService<TimeProvider>(),
            services.GetService<IMeterFactory>(),
            registration.Account);
    }

    private static ConfigurationCredentialSource CreateConfigurationSource(
        IServiceProvider services, SecureCloudinaryRegistration registration)
    {
        var section = registration.ResolveSection(services)
            ?? throw new InvalidOperationException(
                "The Configuration credential source needs configuration: register an IConfiguration or call "
                + $"AddSecureCloudinary with the section \"{registration.SectionPath}\".");
        return new ConfigurationCredentialSource(section);
    }
}
