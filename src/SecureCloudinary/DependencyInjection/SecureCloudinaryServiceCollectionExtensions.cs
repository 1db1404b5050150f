using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        if (section is not IConfigurationSection)
        {
            section = section.GetSection(SecureCloudinaryRegistration.DefaultSectionPath);
        }

        var registration = AddCore(services);
        if (registration.BoundSections.Add(((IConfigurationSection)section).Path))
        {
            registration.Section = section;
            // The binder cannot read "Infinite" as a TimeSpan: the lifecycle keys are bound separately.
            var bound = (IConfigurationSection)section;
            var visible = new HiddenKeysConfigurationSection(bound, LifecycleSettingsBinding.Keys);
            services.AddSingleton<IOptionsChangeTokenSource<SecureCloudinaryOptions>>(
                new ConfigurationChangeTokenSource<SecureCloudinaryOptions>(bound));
            services.Configure<SecureCloudinaryOptions>(options =>
            {
                visible.Bind(options);
                LifecycleSettingsBinding.Apply(bound, options);
            });
        }

        return new SecureCloudinaryBuilder(services, section);
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
        var registration = AddCore(services);
        if (registration.Configurations.Add(configure))
        {
            services.Configure(configure);
        }

        return new SecureCloudinaryBuilder(services, registration.Section);
    }

    private static SecureCloudinaryRegistration AddCore(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(SecureCloudinaryRegistration)
                && descriptor.ImplementationInstance is SecureCloudinaryRegistration existing)
            {
                return existing;
            }
        }

        var registration = new SecureCloudinaryRegistration();
        services.AddSingleton(registration);
        services.AddOptions<SecureCloudinaryOptions>().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SecureCloudinaryOptions>, SecureCloudinaryOptionsRules>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SecureCloudinaryOptions>, UnknownConfigurationKeysValidator>());
        services.TryAddSingleton(TimeProvider.System);

        new SecureCloudinaryBuilder(services, configuration: null)
            .AddCredentialSource(EnvironmentCredentialSource.SourceName, _ => new EnvironmentCredentialSource())
            .AddCredentialSource(ConfigurationCredentialSource.SourceName, sp => CreateConfigurationSource(sp, registration));

        services.TryAddSingleton<ICloudinaryCredentialProvider>(CreateProvider);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CredentialStartupResolver>());
        // Redirects are never followed: a 3xx from the configured endpoint must not send the signed form or the
        // Basic credentials to another host (the client reports a 3xx as an error naming the endpoint setting).
        services.AddHttpClient(CloudinaryClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) => DisableAutoRedirect(handler));
        services.TryAddTransient(sp => new CloudinaryClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(CloudinaryClient.HttpClientName),
            sp.GetRequiredService<ICloudinaryCredentialProvider>(),
            sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<CloudinaryClient>>()));
        return registration;
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

    private static CloudinaryCredentialProvider CreateProvider(IServiceProvider services)
    {
        // Reading Value runs the validators, so an unknown source fails here too when no host validated on start.
        var options = services.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value;
        var selected = SecureCloudinaryOptionsRules.Find(services.GetServices<CredentialSourceRegistration>(), options.Source)
            ?? throw new InvalidOperationException("Cloudinary:Source names a credential source that is not registered.");
        return new CloudinaryCredentialProvider(
            selected.Factory(services),
            services.GetService<ILogger<CloudinaryCredentialProvider>>(),
            options,
            services.GetRequiredService<TimeProvider>(),
            services.GetService<IMeterFactory>());
    }

    private static ConfigurationCredentialSource CreateConfigurationSource(
        IServiceProvider services, SecureCloudinaryRegistration registration)
    {
        var section = registration.Section
            ?? services.GetService<IConfiguration>()?.GetSection(SecureCloudinaryRegistration.DefaultSectionPath)
            ?? throw new InvalidOperationException(
                "The Configuration credential source needs configuration: register an IConfiguration or call "
                + "AddSecureCloudinary(configuration.GetSection(\"Cloudinary\")).");
        return new ConfigurationCredentialSource(section);
    }
}
