using System.Diagnostics;
using System.Text;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// The default <c>authn</c> authenticator: <c>POST /authn/{account}/{login}/authenticate</c> with the raw API key
/// as body. The API key comes from <c>ApiKey</c>, or from <c>ApiKeyFile</c> re-read at every authentication.
/// </summary>
internal sealed class ApiKeyTokenIssuer : HttpTokenIssuer
{
    private readonly string _login;
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string? _apiKey;
    private readonly string? _apiKeyFile;
    private readonly Uri? _authnUrl;

    public ApiKeyTokenIssuer(
        HttpClient http, ConjurEndpoint endpoint, ConjurSettings settings, TimeProvider time, string login, string? apiKey, string? apiKeyFile, Uri? authnUrl = null)
        : base(http, endpoint, settings, time)
    {
        _authnUrl = authnUrl;
        _login = login.Trim();
        _apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        _apiKeyFile = apiKeyFile;
    }

    public override string Name => _authnUrl is null ? "authn" : _authnUrl.AbsolutePath.Trim('/') is { Length: > 0 } path ? path : "authn";

    protected override string Identity => $"login '{_login}'";

    protected override Uri AuthenticateUri => _authnUrl is null ? Endpoint.Authenticate(_login) : Endpoint.Authenticate(_authnUrl, _login);

    public override CloudinaryCredentialException Rejected() => ConjurErrors.AccessDenied(
        $"Conjur rejected the access tokens issued to login '{_login}' (HTTP 401 after re-authenticating); check the appliance's clock and that the login was not disabled.");

    protected override async Task<HttpContent> CreateContentAsync(CancellationToken cancellationToken)
    {
        var key = _apiKey ?? await ReadCredentialFileAsync(_apiKeyFile!, Settings.Prefix + ":ApiKeyFile", cancellationToken).ConfigureAwait(false);
        return new StringContent(key, Encoding.UTF8, "text/plain");
    }

    protected override CloudinaryCredentialException Unauthorized() => ConjurErrors.AccessDenied(
        $"Conjur rejected login '{_login}' in account '{Endpoint.Account}' ({Name}, HTTP 401): the API key is wrong or was rotated, "
        + $"or the login does not exist. Check {Settings.Prefix}:Login and {Settings.Prefix}:ApiKey / ApiKeyFile (CONJUR_AUTHN_LOGIN, CONJUR_AUTHN_API_KEY).");
}
