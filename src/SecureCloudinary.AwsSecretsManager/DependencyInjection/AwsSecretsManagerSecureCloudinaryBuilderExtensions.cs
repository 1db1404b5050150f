using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureCloudinary;
using SecureCloudinary.AwsSecretsManager;
using SecureCloudinary.AwsSecretsManager.Internal;
using SecureCloudinary.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the AWS Secrets Manager credential source to SecureCloudinary.</summary>
public static class AwsSecretsManagerSecureCloudinaryBuilderExtensions
{
    /// <summary>
    /// Makes the <c>AwsSecretsManager</c> credential source selectable (<c>Cloudinary:Source = AwsSecretsManager</c>),
    /// with its settings bound from <c>Cloudinary:AwsSecretsManager</c> (unknown keys fail at start) and validated at
    /// start-up when it is the selected source. AWS credentials come from an <see cref="AWSCredentials"/> registered
    /// in the container, else <c>Cloudinary:AwsSecretsManager:Profile</c>, else AWSSDK.Core's default chain.
    /// <para>
    /// On the builder of a named account (<c>AddSecureCloudinary("marketing", …)</c>) the settings are that account's,
    /// bound from <c>Cloudinary:Accounts:marketing:AwsSecretsManager</c> and validated only when that account selects this
    /// source; an <see cref="AWSCredentials"/> registered with the account name as its key is used before the unkeyed one.
    /// The <c>AWS_*</c> environment variables and shared config files are read for every account.
    /// </para>
    /// <para>
    /// IAM permissions the AWS identity needs: <c>secretsmanager:GetSecretValue</c> on the secret's ARN (nothing
    /// else — no <c>secretsmanager:ListSecrets</c> or <c>DescribeSecret</c>), plus <c>kms:Decrypt</c> on the secret's
    /// KMS key when it is a customer-managed key (required for cross-account secrets).
    /// </para>
    /// </summary>
    /// <param name="builder">The builder <c>AddSecureCloudinary</c> returned.</param>
    /// <param name="configure">Adjusts the options after binding, or null.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ISecureCloudinaryBuilder AddAwsSecretsManager(
        this ISecureCloudinaryBuilder builder, Action<AwsSecretsManagerCredentialSourceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var account = SecureCloudinaryBuilder.AccountOf(builder);
        var registration = Find(services, account);
        var options = services.AddOptions<AwsSecretsManagerCredentialSourceOptions>(account);
        if (registration is null)
        {
            var cloudinaryPath = SecureCloudinaryBuilder.SectionPathOf(builder);
            var firstAccount = !services.Any(d => d.ServiceType == typeof(AwsSecretsManagerRegistration));
            registration = new AwsSecretsManagerRegistration(
                cloudinaryPath + ":" + AwsSecretsManagerCredentialSourceOptions.SectionName, cloudinaryPath, account);
            services.AddSingleton(registration);
            if (builder.Configuration is { } section)
            {
                options.Bind(section.GetSection(AwsSecretsManagerCredentialSourceOptions.SectionName));
            }
            else
            {
                options.Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?
                    .GetSection(registration.SectionPath)
                    .Bind(o));
            }

            options.ValidateOnStart();
            // Unknown keys fail the start through the core's check, with the same message as in every section.
            services.AddSingleton(new ConfigurationSectionRegistration(
                AwsSecretsManagerCredentialSourceOptions.SectionName, typeof(AwsSecretsManagerCredentialSourceOptions), account));
            services.TryAddEnumerable(
                ServiceDescriptor.Singleton<IValidateOptions<AwsSecretsManagerCredentialSourceOptions>, AwsSecretsManagerOptionsRules>());
            if (firstAccount)
            {
                // One client for every account: the handler has no per-account settings.
                // No automatic redirects: a 3xx would carry the session token and the SecretId to another host.
                services.AddHttpClient(AwsSecretsManagerCredentialSource.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                    {
                        AllowAutoRedirect = false,
                        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                        UseCookies = false,
                    });
            }
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        var cloudinarySection = builder.Configuration;
        var created = registration;
        SecureCloudinaryBuilder.AddAccountSource(
            builder,
            AwsSecretsManagerCredentialSource.SourceName,
            sp => Create(sp, created, cloudinarySection),
            source => new AwsSecretsManagerCredentialStoreWriter(source));
        return builder;
    }

    private static AwsSecretsManagerRegistration? Find(IServiceCollection services, string account)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(AwsSecretsManagerRegistration)
                && descriptor.ImplementationInstance is AwsSecretsManagerRegistration existing
                && string.Equals(existing.Account, account, StringComparison.Ordinal))
            {
                return existing;
            }
        }

        return null;
    }

    private static AwsSecretsManagerCredentialSource Create(
        IServiceProvider services, AwsSecretsManagerRegistration registration, IConfiguration? cloudinarySection)
    {
        var account = registration.Account;
        var options = services.GetRequiredService<IOptionsMonitor<AwsSecretsManagerCredentialSourceOptions>>().Get(account);
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var cloudName = cloudinarySection?["CloudName"]
            ?? services.GetService<IConfiguration>()?[registration.CloudinarySectionPath + ":CloudName"];
        var awsCredentials = account.Length == 0
            ? services.GetService<AWSCredentials>()
            : services.GetKeyedService<AWSCredentials>(account) ?? services.GetService<AWSCredentials>();
        return new AwsSecretsManagerCredentialSource(
            options,
            () => factory.CreateClient(AwsSecretsManagerCredentialSource.HttpClientName),
            awsCredentials,
            services.GetService<TimeProvider>(),
            AccountScopedLogger<AwsSecretsManagerCredentialSource>.For(services, account),
            cloudName,
            Environment.GetEnvironmentVariable,
            registration.Prefix);
    }
}
