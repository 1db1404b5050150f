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
    /// <para>
    /// On the builder of a named account (<c>AddSecureCloudinary("marketing", …)</c>) the settings are that account's,
    /// bound from <c>Cloudinary:Accounts:marketing:Conjur</c> (its cloud name from <c>Cloudinary:Accounts:marketing:CloudName</c>),
    /// validated only when that account selects Conjur, with their own HTTP client and token cache. The environment
    /// variables and Conjur CLI files above are fallbacks for every account.
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
        var account = SecureCloudinaryBuilder.AccountOf(builder);
        var registration = services
            .Where(d => d.ServiceType == typeof(ConjurRegistration))
            .Select(d => d.ImplementationInstance)
            .OfType<ConjurRegistration>()
            .FirstOrDefault(r => string.Equals(r.Account, account, StringComparison.Ordinal));
        if (registration is null)
        {
            registration = new ConjurRegistration
            {
                CloudinarySection = builder.Configuration,
                Account = account,
                CloudinarySectionPath = SecureCloudinaryBuilder.SectionPathOf(builder),
            };
            services.AddSingleton(registration);
            Register(services, registration);
        }

        if (configure is not null)
        {
            services.Configure(account, configure);
        }

        var created = registration;
        SecureCloudinaryBuilder.AddAccountSource(
            builder, ConjurCredentialSource.SourceName, sp => Create(sp, created), source => new ConjurCredentialStoreWriter(source));
        return builder;
    }

    private static ConjurCredentialSource Create(IServiceProvider services, ConjurRegistration registration)
    {
        var logger = services.GetService<ILoggerFactory>();
        return new ConjurCredentialSource(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(registration.HttpClientName),
            services.GetRequiredService<IOptionsMonitor<ConjurCredentialSourceOptions>>().Get(registration.Account),
            registration.SectionPath,
            services.GetService<TimeProvider>(),
            registration.Account.Length == 0 || logger is null ? logger : new AccountScopedLoggerFactory(logger, registration.Account));
    }

    private static void Register(IServiceCollection services, ConjurRegistration registration)
    {
        var account = registration.Account;
        var cloudinarySection = registration.CloudinarySection;
        var options = services.AddOptions<ConjurCredentialSourceOptions>(account);
        if (cloudinarySection is not null)
        {
            options.Bind(cloudinarySection.GetSection(ConjurCredentialSourceOptions.SectionName));
            options.Configure(o => o.CloudName ??= cloudinarySection["CloudName"]);
        }
        else
        {
            var path = SecureCloudinaryRegistration.DefaultSectionPathFor(account);
            options.Configure<IServiceProvider>((o, sp) =>
            {
                if (sp.GetService<IConfiguration>()?.GetSection(path) is { } section)
                {
                    section.GetSection(ConjurCredentialSourceOptions.SectionName).Bind(o);
                    o.CloudName ??= section["CloudName"];
                }
            });
        }

        options.ValidateOnStart();
        services.AddSingleton(new ConfigurationSectionRegistration(
            ConjurCredentialSourceOptions.SectionName, typeof(ConjurCredentialSourceOptions), account));
        services.TryAddSingleton(ConjurEnvironment.Process);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ConjurCredentialSourceOptions>, ConjurEnvironmentDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConjurCredentialSourceOptions>, ConjurOptionsValidator>());
        services.AddHttpClient(registration.HttpClientName)
            .ConfigureHttpClient((sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptionsMonitor<ConjurCredentialSourceOptions>>().Get(account).Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                ConjurHttpHandlerFactory.Create(sp.GetRequiredService<IOptionsMonitor<ConjurCredentialSourceOptions>>().Get(account)));
    }
}
