namespace SecureCloudinary.Conjur.Internal;

/// <summary>Obtains Conjur access tokens with one authenticator.</summary>
internal interface IConjurTokenIssuer
{
    /// <summary>The authenticator's name for logs, e.g. <c>authn</c>.</summary>
    string Name { get; }

    /// <summary>Obtains a new token.</summary>
    /// <exception cref="CloudinaryCredentialException">Authentication failed; the message names the identity, never its key.</exception>
    Task<ConjurAccessToken> IssueAsync(CancellationToken cancellationToken);

    /// <summary>Whether the token's origin changed since it was issued (e.g. the token file was rewritten).</summary>
    bool IsStale(ConjurAccessToken token);

    /// <summary>The error for a token Conjur still rejected (401) after a fresh one was obtained.</summary>
    CloudinaryCredentialException Rejected();
}
