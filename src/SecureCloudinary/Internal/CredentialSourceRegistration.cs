namespace SecureCloudinary.Internal;

/// <summary>
/// A credential source made selectable by name for one account (through <see cref="ISecureCloudinaryBuilder.AddCredentialSource"/>).
/// </summary>
internal sealed class CredentialSourceRegistration
{
    public CredentialSourceRegistration(string name, Func<IServiceProvider, ICloudinaryCredentialSource> factory, string account = "")
    {
        Name = name;
        Factory = factory;
        Account = account;
    }

    public string Name { get; }

    public Func<IServiceProvider, ICloudinaryCredentialSource> Factory { get; }

    /// <summary>The account the source is registered for; empty for the unnamed account.</summary>
    public string Account { get; }

    /// <summary>The sources registered for <paramref name="account"/> (null or empty: the unnamed one).</summary>
    public static IEnumerable<CredentialSourceRegistration> Of(IEnumerable<CredentialSourceRegistration> all, string? account)
    {
        account ??= string.Empty;
        return all.Where(r => string.Equals(r.Account, account, StringComparison.Ordinal));
    }
}
