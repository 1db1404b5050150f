using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCloudinary;
using SecureCloudinary.Internal;
using SecureCloudinary.Conjur;
using SecureCloudinary.Conjur.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the CyberArk Conjur credential source to SecureCloudinary.</summary>
public static class ConjurSecureCloudinaryBuilderExtensions
{
    /// <summary>
    /// Makes the Conjur credential source selectable with <c>Cloudinary:Source = Conjur</c>. Settings are bound
    /// from <c>Cloudinary:Conjur</c> (see <see cref="ConjurCredentialSourceOptions"/>; an unknown key there fails the start), with the official clients'
    /// <c>CONJUR_*</c> environment variables, then the Conjur CLI's <c>CONJURRC</c> / <c>~/.conjurrc</c> /
    /// <c>/etc/conjur.conf</c> and <c>~/.netrc</c> as fallbacks, and validated at start-up only when Conjur is selected.
    /// <para>
    /// Permissions the Conjur identity (e.g. <c>host/apps/web</c>) needs: <c>read</c> and <c>execute</c> on each
    /// variable it reads (the one <c>Variable</c>, or the <c>Variables:CloudName/ApiKey/ApiSecret</c>), and for
    /// <c>authn-jwt</c> <c>read</c> and <c>authenticate</c> on the <c>conjur/authn-jwt/&lt;service-id&gt;</c>
    /// webservice. Nothing else: no <c>update</c>, no policy rights.
    /// </para>
    /// </summary>
    /// <param name="builder">The builder <c>AddSecureCloudinary</c> returned.</param>
    /// <param name="configure">Sets options in code, after configuration binding.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ISecureCloudinaryBuilder AddConjur(
        this ISecureCloudinaryBuilder builder, Action<ConjurCredentialSourceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var registration = services
            .Where(d => d.ServiceType == typeof(ConjurRegistration))
            .Select(d => d.ImplementationInstance)
            .OfType<ConjurRegistration>()
            .FirstOrDefault();
        if (registration is null)
        {
            registration = new ConjurRegistration { CloudinarySection = builder.Configuration };
            services.AddSingleton(registration);
            Register(services, builder.Configuration);
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        Func<IServiceProvider, ConjurCredentialSource> create = sp => new ConjurCredentialSource(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ConjurCredentialSource.ConjurHttpClientName),
            sp.GetRequiredService<IOptions<ConjurCredentialSourceOptions>>().Value,
            registration.SectionPath,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>());
        builder.AddCredentialSource(ConjurCredentialSource.SourceName, create);
        builder.AddCredentialStoreWriter(ConjurCredentialSource.SourceName, sp => new ConjurCredentialStoreWriter(create(sp)));
        return builder;
    }

    private static void Register(IServiceCollection services, IConfiguration? cloudinarySection)
    {
        var options = services.AddOptions<ConjurCredentialSourceOptions>();
        if (cloudinarySection is not null)
        {
            options.Bind(cloudinarySection.GetSection(ConjurCredentialSourceOptions.SectionName));
            options.Configure(o => o.CloudName ??= cloudinarySection["CloudName"]);
        }
        else
        {
            options.Configure<IServiceProvider>((o, sp) =>
            {
                if (sp.GetService<IConfiguration>()?.GetSection("Cloudinary") is { } section)
                {
                    section.GetSection(ConjurCredentialSourceOptions.SectionName).Bind(o);
                    o.CloudName ??= section["CloudName"];
                }
            });
        }

        options.ValidateOnStart();
        services.AddSingleton(new ConfigurationSectionRegistration(ConjurCredentialSourceOptions.SectionName, typeof(ConjurCredentialSourceOptions)));
        services.TryAddSingleton(ConjurEnvironment.Process);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ConjurCredentialSourceOptions>, ConjurEnvironmentDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConjurCredentialSourceOptions>, ConjurOptionsValidator>());
        services.AddHttpClient(ConjurCredentialSource.ConjurHttpClientName)
            .ConfigureHttpClient((sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<ConjurCredentialSourceOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                ConjurHttpHandlerFactory.Create(sp.GetRequiredService<IOptions<ConjurCredentialSourceOptions>>().Value));
    }
}
