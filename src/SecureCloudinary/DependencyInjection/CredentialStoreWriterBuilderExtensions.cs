using Microsoft.Extensions.Options;
using SecureCloudinary;
using SecureCloudinary.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers and finds the write side of credential sources (for key rotation).</summary>
public static class CredentialStoreWriterBuilderExtensions
{
    /// <summary>
    /// Makes a store writer available for the source named <paramref name="sourceName"/> of the builder's account.
    /// Registering a name again replaces the earlier factory. The factory runs each time a writer is asked for.
    /// </summary>
    /// <param name="builder">The builder <c>AddSecureCloudinary</c> returned.</param>
    /// <param name="sourceName">The source name, e.g. <c>Vault</c>.</param>
    /// <param name="factory">Creates the writer.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ISecureCloudinaryBuilder AddCredentialStoreWriter(
        this ISecureCloudinaryBuilder builder, string sourceName, Func<IServiceProvider, ICloudinaryCredentialStoreWriter> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(factory);
        var services = builder.Services;
        var account = SecureCloudinaryBuilder.AccountOf(builder);
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ImplementationInstance is CredentialStoreWriterRegistration existing
                && string.Equals(existing.Account, account, StringComparison.Ordinal)
                && string.Equals(existing.Name, sourceName, StringComparison.OrdinalIgnoreCase))
            {
                services.RemoveAt(i);
            }
        }

        services.AddSingleton(new CredentialStoreWriterRegistration(sourceName.Trim(), factory, account));
        return builder;
    }

    /// <summary>
    /// Creates the store writer of the selected source (<c>Cloudinary:Source</c>), or of <paramref name="sourceName"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="sourceName">The source name, or null for the configured one.</param>
    /// <returns>The writer, or null when the source cannot be written to (Environment, Configuration).</returns>
    public static ICloudinaryCredentialStoreWriter? GetCloudinaryCredentialStoreWriter(this IServiceProvider services, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Find(services, Options.Options.DefaultName, sourceName);
    }

    /// <summary>
    /// Creates the store writer of a named account's selected source (<c>Cloudinary:Accounts:{account}:Source</c>), or
    /// of <paramref name="sourceName"/> registered for that account.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="account">The account name given to <c>AddSecureCloudinary(account, …)</c>.</param>
    /// <param name="sourceName">The source name, or null for the account's configured one.</param>
    /// <returns>The writer, or null when the source cannot be written to (Environment, Configuration).</returns>
    public static ICloudinaryCredentialStoreWriter? GetKeyedCloudinaryCredentialStoreWriter(
        this IServiceProvider services, string account, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        return Find(services, account, sourceName);
    }

    private static ICloudinaryCredentialStoreWriter? Find(IServiceProvider services, string account, string? sourceName)
    {
        sourceName ??= services.GetRequiredService<IOptionsMonitor<SecureCloudinaryOptions>>().Get(account).Source;
        var name = sourceName?.Trim();
        var registration = services.GetServices<CredentialStoreWriterRegistration>()
            .LastOrDefault(r => string.Equals(r.Account, account, StringComparison.Ordinal)
                && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        return registration?.Factory(services);
    }
}
