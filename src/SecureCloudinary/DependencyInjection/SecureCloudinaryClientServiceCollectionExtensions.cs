using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureCloudinary;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an application's own Cloudinary client type that is rebuilt when the credentials rotate.</summary>
public static class SecureCloudinaryClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RotatingCloudinaryClient{TClient}"/> (singleton) for a client type of the application's
    /// choosing, e.g. another Cloudinary SDK, built by <paramref name="factory"/> from the current credentials and
    /// rebuilt after a rotation. Call <c>AddSecureCloudinary</c> as well. Registering the same type again adds nothing.
    /// </summary>
    /// <typeparam name="TClient">The application's client type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="factory">Builds a client from credentials.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddSecureCloudinaryClient<TClient>(
        this IServiceCollection services, Func<CloudinaryCredentials, TClient> factory)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.TryAddSingleton(sp => new RotatingCloudinaryClient<TClient>(
            sp.GetRequiredService<ICloudinaryCredentialProvider>(), factory));
        return services;
    }

    /// <summary>
    /// Registers <see cref="RotatingCloudinaryClient{TClient}"/> (keyed singleton, key <paramref name="account"/>) for a
    /// named account added with <c>AddSecureCloudinary(account, …)</c>: inject
    /// <c>[FromKeyedServices("marketing")] RotatingCloudinaryClient&lt;TClient&gt;</c>. Built from that account's
    /// credentials and rebuilt after its rotation. Registering the same type and account again adds nothing.
    /// </summary>
    /// <typeparam name="TClient">The application's client type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="account">The account name.</param>
    /// <param name="factory">Builds a client from credentials.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddSecureCloudinaryClient<TClient>(
        this IServiceCollection services, string account, Func<CloudinaryCredentials, TClient> factory)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentNullException.ThrowIfNull(factory);
        services.TryAddKeyedSingleton(account, (sp, _) => new RotatingCloudinaryClient<TClient>(
            sp.GetRequiredKeyedService<ICloudinaryCredentialProvider>(account), factory));
        return services;
    }
}
