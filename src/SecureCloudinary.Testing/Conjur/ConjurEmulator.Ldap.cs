namespace SecureCloudinary.Testing.Conjur;

/// <summary>The <c>authn-ldap</c> authenticator: <c>POST /authn-ldap/{service-id}/{account}/{login}/authenticate</c> with the LDAP password as body.</summary>
public sealed partial class ConjurEmulator
{
    /// <summary>
    /// Makes the <c>authn-ldap/{serviceId}</c> authenticator accept <paramref name="password"/> (the user's directory
    /// password) for <paramref name="login"/>, which must have been added with <see cref="AddUser"/> or <see cref="AddHost"/>.
    /// </summary>
    /// <param name="serviceId">The authn-ldap service id, e.g. <c>corp</c>.</param>
    /// <param name="login">The Conjur login, e.g. <c>alice</c>.</param>
    /// <param name="password">The password the client must send.</param>
    public void AddLdapUser(string serviceId, string login, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        ArgumentException.ThrowIfNullOrEmpty(password);
        _state.AddLdapUser(serviceId, login, password);
    }
}
