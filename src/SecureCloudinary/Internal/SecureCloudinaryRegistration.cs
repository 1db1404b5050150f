using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureCloudinary.Internal;

/// <summary>
/// The marker <c>AddSecureCloudinary</c> leaves in the service collection for one account: the unnamed account
/// (<see cref="Account"/> is <see cref="Options.DefaultName"/>) or a named one. It makes later calls idempotent and
/// remembers the configuration section the account's options, its Configuration source and its backends read.
/// </summary>
internal sealed class SecureCloudinaryRegistration
{
    public const string DefaultSectionPath = "Cloudinary";

    /// <summary>The configuration key under <see cref="DefaultSectionPath"/> that holds named accounts.</summary>
    public const string AccountsKey = "Accounts";

    public SecureCloudinaryRegistration(string account)
    {
        Account = account;
    }

    /// <summary>The account name; <see cref="Options.DefaultName"/> (empty) for the unnamed registration.</summary>
    public string Account { get; }

    /// <summary>True for the unnamed registration.</summary>
    public bool IsDefault => Account.Length == 0;

    /// <summary>The section bound to the options, or null when only the <c>Action</c> overload was used.</summary>
    public IConfiguration? Section { get; set; }

    /// <summary>The key path prefix used in messages, e.g. <c>Cloudinary</c> or <c>Cloudinary:Accounts:marketing</c>.</summary>
    public string SectionPath => Section is IConfigurationSection s && s.Path.Length > 0 ? s.Path : DefaultSectionPathFor(Account);

    /// <summary>The paths of the sections already bound, so a section is not bound twice.</summary>
    public HashSet<string> BoundSections { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configure delegates already added, so the same delegate is not added twice.</summary>
    public HashSet<object> Configurations { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Where an account's settings live by convention: <c>Cloudinary</c>, or <c>Cloudinary:Accounts:{account}</c>.</summary>
    /// <param name="account">The account name, empty for the unnamed one.</param>
    public static string DefaultSectionPathFor(string? account) =>
        string.IsNullOrEmpty(account) ? DefaultSectionPath : $"{DefaultSectionPath}:{AccountsKey}:{account}";

    /// <summary>The account's section: the one given to <c>AddSecureCloudinary</c>, else the conventional path in the app's configuration.</summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The section, or null when neither exists.</returns>
    public IConfigurationSection? ResolveSection(IServiceProvider services) =>
        Section as IConfigurationSection ?? services.GetService<IConfiguration>()?.GetSection(DefaultSectionPathFor(Account));

    /// <summary>The registration of <paramref name="account"/> (null or empty: the unnamed one), or null.</summary>
    /// <param name="registrations">All registrations.</param>
    /// <param name="account">The account name, or null/empty for the unnamed account.</param>
    public static SecureCloudinaryRegistration? Find(IEnumerable<SecureCloudinaryRegistration> registrations, string? account)
    {
        account ??= Options.DefaultName;
        return registrations.LastOrDefault(r => string.Equals(r.Account, account, StringComparison.Ordinal));
    }

    /// <summary>The configuration key prefix of <paramref name="account"/> for messages, e.g. <c>Cloudinary:Accounts:marketing</c>.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="account">The account name, or null/empty for the unnamed account.</param>
    public static string SectionPathOf(IServiceProvider services, string? account) =>
        Find(services.GetServices<SecureCloudinaryRegistration>(), account)?.SectionPath ?? DefaultSectionPathFor(account);

    /// <summary>Gets a service of <paramref name="account"/>: the unkeyed one for the unnamed account, else the keyed one.</summary>
    /// <typeparam name="T">The service type.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="account">The account name, or null/empty for the unnamed account.</param>
    public static T GetAccountService<T>(IServiceProvider services, string? account)
        where T : notnull =>
        string.IsNullOrEmpty(account) ? services.GetRequiredService<T>() : services.GetRequiredKeyedService<T>(account);
}
