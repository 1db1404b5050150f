namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// The <c>authn-jwt</c> authenticator: <c>POST /authn-jwt/{service-id}/{account}[/{host-id}]/authenticate</c> with
/// the form body <c>jwt=…</c>. The JWT file is re-read at every authentication (Kubernetes rotates it).
/// </summary>
internal sealed class JwtTokenIssuer : HttpTokenIssuer
{
    private readonly string _serviceId;
    private readonly string _jwtFile;
    private readonly string? _jwt;
    private readonly string? _hostId;

    public JwtTokenIssuer(
        HttpClient http, ConjurEndpoint endpoint, ConjurSettings settings, TimeProvider time, string serviceId, string? jwtFile, string? hostId, string? jwt = null)
        : base(http, endpoint, settings, time)
    {
        _serviceId = serviceId.Trim();
        _jwt = string.IsNullOrWhiteSpace(jwt) ? null : jwt.Trim();
        _jwtFile = string.IsNullOrWhiteSpace(jwtFile) ? ConjurCredentialSourceOptions.DefaultJwtFile : jwtFile;
        JwtKey = string.IsNullOrWhiteSpace(jwtFile)
            ? $"{settings.Prefix}:JwtFile (unset, so the Kubernetes service-account token {ConjurCredentialSourceOptions.DefaultJwtFile})"
            : settings.Prefix + ":JwtFile";
        _hostId = string.IsNullOrWhiteSpace(hostId) ? null : hostId.Trim();
    }

    public override string Name => "authn-jwt/" + _serviceId;

    private string JwtKey { get; }

    protected override string Identity => _hostId is null ? "the JWT's identity" : $"host '{_hostId}'";

    protected override Uri AuthenticateUri => Endpoint.JwtAuthenticate(_serviceId, _hostId);

    public override CloudinaryCredentialException Rejected() => ConjurErrors.AccessDenied(
        $"Conjur rejected the access tokens issued by {Name} (HTTP 401 after re-authenticating); check the appliance's clock and that the host was not disabled.");

    protected override async Task<HttpContent> CreateContentAsync(CancellationToken cancellationToken)
    {
        var jwt = _jwt ?? await ReadCredentialFileAsync(_jwtFile, JwtKey, cancellationToken).ConfigureAwait(false);
        return new FormUrlEncodedContent([new KeyValuePair<string, string>("jwt", jwt)]);
    }

    protected override CloudinaryCredentialException Unauthorized() => ConjurErrors.AccessDenied(
        $"Conjur rejected the JWT from {(_jwt is null ? JwtKey : Settings.Prefix + ":Jwt (CONJUR_AUTHN_JWT_TOKEN)")} with authenticator {Name} in account '{Endpoint.Account}' (HTTP 401): "
        + $"the JWT may be expired or have the wrong issuer/audience, the authenticator may be disabled, or no host matches "
        + $"its claims{(_hostId is null ? string.Empty : $" (host id '{_hostId}')")}. Check {Settings.Prefix}:ServiceId and {Settings.Prefix}:HostId.");
}
