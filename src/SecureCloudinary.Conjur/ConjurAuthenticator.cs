namespace SecureCloudinary.Conjur;

/// <summary>How the Conjur source obtains its access token.</summary>
public enum ConjurAuthenticator
{
    /// <summary>
    /// The default <c>authn</c> authenticator: a login (<c>host/apps/web</c>) and its API key are exchanged for an
    /// access token.
    /// </summary>
    ApiKey = 0,

    /// <summary>
    /// The <c>authn-jwt</c> authenticator: a JWT read from a file (e.g. a Kubernetes service-account token) is
    /// exchanged for an access token.
    /// </summary>
    Jwt = 1,

    /// <summary>
    /// A pre-issued access token read from a file kept fresh by another process (e.g. the authn-k8s sidecar's
    /// <c>/run/conjur/access-token</c>); the file is re-read whenever it changes.
    /// </summary>
    TokenFile = 2,

    /// <summary>
    /// A pre-issued access token given as a value (<c>Token</c>, env <c>CONJUR_AUTHN_TOKEN</c>); used as it is and
    /// never renewed.
    /// </summary>
    Token = 3,
}
