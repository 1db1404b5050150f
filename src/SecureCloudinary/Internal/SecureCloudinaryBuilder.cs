using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecureCloudinary.Internal;

/// <summary>The <see cref="ISecureCloudinaryBuilder"/> <c>AddSecureCloudinary</c> returns, for one account.</summary>
internal sealed class SecureCloudinaryBuilder : ISecureCloudinaryBuilder
{
    public SecureCloudinaryBuilder(IServiceCollection services, IConfiguration? configuration, string account = "")
    {
        Services = services;
        Configuration = configuration;
        Account = account;
    }

    public IServiceCollection Services { get; }

    public IConfiguration? Configuration { get; }

    /// <summary>The account name; empty for the unnamed registration.</summary>
    public string Account { get; }

    public string? AccountName => Account.Length == 0 ? null : Account;

    public ISecureCloudinaryBuilder AddCredentialSource(string name, Func<IServiceProvider, ICloudinaryCredentialSource> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        for (var i = Services.Count - 1; i >= 0; i--)
        {
            if (Services[i].ServiceType == typeof(CredentialSourceRegistration)
                && Services[i].ImplementationInstance is CredentialSourceRegistration existing
                && string.Equals(existing.Account, Account, StringComparison.Ordinal)
                && string.Equals(existing.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                Services.RemoveAt(i);
            }
        }

        Services.AddSingleton(new CredentialSourceRegistration(name.Trim(), factory, Account));
        return this;
    }

    /// <summary>The account of any builder: the name of ours, else <see cref="ISecureCloudinaryBuilder.AccountName"/>.</summary>
    public static string AccountOf(ISecureCloudinaryBuilder builder) => builder.AccountName ?? string.Empty;

    /// <summary>
    /// The path of the builder's account section, for messages and for binding when it was configured in code:
    /// the section given to <c>AddSecureCloudinary</c>, else <c>Cloudinary</c> or <c>Cloudinary:Accounts:{account}</c>.
    /// </summary>
    public static string SectionPathOf(ISecureCloudinaryBuilder builder) =>
        builder.Configuration is IConfigurationSection { Path.Length: > 0 } section
            ? section.Path
            : SecureCloudinaryRegistration.DefaultSectionPathFor(AccountOf(builder));

    /// <summary>
    /// Makes a backend's source and its store writer selectable for the builder's account. A named account gets one
    /// keyed source singleton (key: the account), shared by the cache and the writer. The unnamed account keeps each
    /// backend's own lifetime: one singleton when <paramref name="unnamedSingleton"/>, else a source per factory call.
    /// </summary>
    /// <typeparam name="TSource">The backend's source type.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="sourceName">The source name, e.g. <c>Vault</c>.</param>
    /// <param name="create">Creates the account's source.</param>
    /// <param name="writer">Creates the store writer over a source.</param>
    /// <param name="unnamedSingleton">Whether the unnamed account's source is one singleton.</param>
    public static void AddAccountSource<TSource>(
        ISecureCloudinaryBuilder builder,
        string sourceName,
        Func<IServiceProvider, TSource> create,
        Func<TSource, ICloudinaryCredentialStoreWriter> writer,
        bool unnamedSingleton = false)
        where TSource : class, ICloudinaryCredentialSource
    {
        var account = AccountOf(builder);
        Func<IServiceProvider, TSource> resolve;
        if (account.Length > 0)
        {
            builder.Services.TryAddKeyedSingleton(account, (sp, _) => create(sp));
            resolve = sp => sp.GetRequiredKeyedService<TSource>(account);
        }
        else if (unnamedSingleton)
        {
            builder.Services.TryAddSingleton(create);
            resolve = sp => sp.GetRequiredService<TSource>();
        }
        else
        {
            resolve = create;
        }

        builder.AddCredentialSource(sourceName, resolve);
        builder.AddCredentialStoreWriter(sourceName, sp => writer(resolve(sp)));
    }
}
