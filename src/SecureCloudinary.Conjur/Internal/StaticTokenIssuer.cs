using System.Text;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// An access token given as a value (<c>Token</c>, <c>CONJUR_AUTHN_TOKEN</c>): the token JSON or its Base64 form, as
/// the Go client's <c>TokenAuthenticator</c> takes it. It is never renewed; once Conjur rejects it, the error says so.
/// </summary>
internal sealed class StaticTokenIssuer : IConjurTokenIssuer
{
    private readonly byte[] _token;
    private readonly ConjurSettings _settings;
    private readonly TimeProvider _time;

    public StaticTokenIssuer(string token, ConjurSettings settings, TimeProvider time)
    {
        _token = Encoding.UTF8.GetBytes(token.Trim());
        _settings = settings;
        _time = time;
    }

    public string Name => "access token";

    private string Key => _settings.Prefix + ":Token (CONJUR_AUTHN_TOKEN)";

    public bool IsStale(ConjurAccessToken token) => false;

    public CloudinaryCredentialException Rejected() => ConjurErrors.AccessDenied(
        $"Conjur rejected the access token from {Key} (HTTP 401): it expired or was revoked. A token given as a value is never renewed; "
        + "give a fresh one, or use an authenticator that can renew it (ApiKey, Jwt, TokenFile).");

    public Task<ConjurAccessToken> IssueAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ConjurAccessToken.TryParse(_token, _time.GetUtcNow())
            ?? throw ConjurErrors.AccessDenied($"{Key} does not hold a Conjur access token (the token JSON or its Base64 form)."));
}
