using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
}
