using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>The marker <c>AddConjur</c> leaves in the service collection for one account: where its settings come from.</summary>
internal sealed class ConjurRegistration
{
    /// <summary>The account's section given to <c>AddSecureCloudinary</c>, or null when configured in code.</summary>
    public IConfiguration? CloudinarySection { get; init; }

    /// <summary>The account (the options name); empty for the unnamed registration.</summary>
    public string Account { get; init; } = string.Empty;

    /// <summary>The account's section path, e.g. <c>Cloudinary</c> or <c>Cloudinary:Accounts:marketing</c>.</summary>
    public required string CloudinarySectionPath { get; init; }

    /// <summary>The key path prefix used in messages, e.g. <c>Cloudinary:Conjur</c> or <c>Cloudinary:Accounts:marketing:Conjur</c>.</summary>
    public string SectionPath => CloudinarySectionPath + ":" + ConjurCredentialSourceOptions.SectionName;

    /// <summary>The name of the account's <see cref="HttpClient"/>: its TLS settings and timeout are its own.</summary>
    public string HttpClientName =>
        Account.Length == 0 ? ConjurCredentialSource.ConjurHttpClientName : $"{ConjurCredentialSource.ConjurHttpClientName}:{Account}";

    /// <summary>The registration of <paramref name="account"/> (null or empty: the unnamed one), or null.</summary>
    public static ConjurRegistration? Find(IEnumerable<ConjurRegistration> registrations, string? account)
    {
        account ??= string.Empty;
        return registrations.LastOrDefault(r => string.Equals(r.Account, account, StringComparison.Ordinal));
    }
}
