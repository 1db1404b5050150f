using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
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
        var registration = Find(services);
        if (registration is null)
        {
            var cloudinaryPath = builder.Configuration is IConfigurationSection { Path.Length: > 0 } s ? s.Path : "Cloudinary";
            registration = new AwsSecretsManagerRegistration(
                cloudinaryPath + ":" + AwsSecretsManagerCredentialSourceOptions.SectionName, cloudinaryPath);
            services.AddSingleton(registration);
            var options = services.AddOptions<AwsSecretsManagerCredentialSourceOptions>();
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
                AwsSecretsManagerCredentialSourceOptions.SectionName, typeof(AwsSecretsManagerCredentialSourceOptions)));
            services.TryAddEnumerable(
                ServiceDescriptor.Singleton<IValidateOptions<AwsSecretsManagerCredentialSourceOptions>, AwsSecretsManagerOptionsRules>());
            // No automatic redirects: a 3xx would carry the session token and the SecretId to another host.
            services.AddHttpClient(AwsSecretsManagerCredentialSource.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    UseCookies = false,
                });
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        var cloudinarySection = builder.Configuration;
        builder.AddCredentialSource(AwsSecretsManagerCredentialSource.SourceName, sp => Create(sp, registration, cloudinarySection));
        builder.AddCredentialStoreWriter(
            AwsSecretsManagerCredentialSource.SourceName, sp => new AwsSecretsManagerCredentialStoreWriter(Create(sp, registration, cloudinarySection)));
        return builder;
    }

    private static AwsSecretsManagerRegistration? Find(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(AwsSecretsManagerRegistration)
                && descriptor.ImplementationInstance is AwsSecretsManagerRegistration existing)
            {
                return existing;
            }
        }

        return null;
    }

    private static AwsSecretsManagerCredentialSource Create(
        IServiceProvider services, AwsSecretsManagerRegistration registration, IConfiguration? cloudinarySection)
    {
        var options = services.GetRequiredService<IOptions<AwsSecretsManagerCredentialSourceOptions>>().Value;
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var cloudName = cloudinarySection?["CloudName"]
            ?? services.GetService<IConfiguration>()?[registration.CloudinarySectionPath + ":CloudName"];
        return new AwsSecretsManagerCredentialSource(
            options,
            () => factory.CreateClient(AwsSecretsManagerCredentialSource.HttpClientName),
            services.GetService<AWSCredentials>(),
            services.GetService<TimeProvider>(),
            services.GetService<ILogger<AwsSecretsManagerCredentialSource>>(),
            cloudName,
            Environment.GetEnvironmentVariable,
            registration.Prefix);
    }
}
