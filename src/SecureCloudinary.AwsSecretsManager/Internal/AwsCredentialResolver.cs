using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// Finds the AWS credentials with AWSSDK.Core: the credentials given in code, else the named profile, else the
/// SDK's default chain (environment, web identity, profile/assume-role/SSO, container, instance metadata). Nothing
/// of the chain is re-implemented here; AWSSDK.SecurityToken, AWSSDK.SSO and AWSSDK.SSOOIDC are referenced so web
/// identity, assume-role and SSO work. Any exception the chain throws becomes a <see cref="CloudinaryCredentialException"/>
/// naming what to fix.
/// </summary>
internal sealed class AwsCredentialResolver
{
    private readonly AWSCredentials? _explicit;
    private readonly string? _profile;
    private readonly string? _profilesLocation;
    private readonly string _prefix;
    private readonly Func<string, string?> _environment;
    private readonly Lock _lock = new();
    private AWSCredentials? _current;

    public AwsCredentialResolver(AWSCredentials? credentials, string? profile, string? profilesLocation, string prefix, Func<string, string?>? environment = null)
    {
        _explicit = credentials;
        _profile = string.IsNullOrWhiteSpace(profile) ? null : profile.Trim();
        _profilesLocation = string.IsNullOrWhiteSpace(profilesLocation) ? null : profilesLocation.Trim();
        _prefix = prefix;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The credentials to sign with; resolved (and their keys obtained) on first use.</summary>
    /// <exception cref="CloudinaryCredentialException">The chain failed, with what to fix.</exception>
    public async ValueTask<AWSCredentials> GetAsync(CancellationToken cancellationToken)
    {
        AWSCredentials? current;
        lock (_lock)
        {
            current = _current;
        }

        try
        {
            current ??= _explicit ?? (_profile is not null ? FromProfile(_profile)
                : UsesWebIdentity() ? AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables()
                : await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false));

            // Obtain the keys now (STS web identity / assume-role / SSO calls happen here) so a failure is ours to explain,
            // not an exception from inside the signer.
            await current.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CloudinaryCredentialException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw Unresolvable(e);
        }

        lock (_lock)
        {
            return _current ??= current;
        }
    }

    /// <summary>Forgets cached credentials so the next <see cref="GetAsync"/> resolves them again (after ExpiredToken).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            if (_current is RefreshingAWSCredentials refreshing)
            {
                refreshing.ClearCredentials();
            }

            if (!ReferenceEquals(_current, _explicit))
            {
                _current = null;
            }
        }
    }

    /// <summary>The failure to throw when the SDK could not produce credentials: names the settings behind the failing provider.</summary>
    public CloudinaryCredentialException Unresolvable(Exception inner)
    {
        string message;
        if (_explicit is not null)
        {
            message = "The AWS credentials registered in code could not supply keys; check how they are created.";
        }
        else if (_profile is not null)
        {
            message = $"The AWS profile named by {_prefix}Profile could not supply credentials; check the shared config and credentials files "
                + $"(or {_prefix}ProfilesLocation): static keys, role_arn/source_profile (the role's trust policy), sso_session/sso_start_url "
                + "(run `aws sso login`) or credential_process.";
        }
        else if (!string.IsNullOrWhiteSpace(_environment("AWS_WEB_IDENTITY_TOKEN_FILE")))
        {
            message = "The web identity (EKS IRSA) credentials could not be obtained from STS AssumeRoleWithWebIdentity: check that "
                + "AWS_WEB_IDENTITY_TOKEN_FILE names a readable token file, that AWS_ROLE_ARN is the role to assume and its trust policy "
                + "allows this service account, and that STS is reachable (AWS_REGION, AWS_ENDPOINT_URL_STS).";
        }
        else
        {
            message = $"No AWS credentials were found by the default chain: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or {_prefix}Profile "
                + "(static keys, role_arn/source_profile, SSO after `aws sso login`, credential_process), or run with a web identity "
                + "(AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN), container or instance role.";
        }

        return new CloudinaryCredentialException(
            AwsSecretsManagerCredentialSource.SourceName,
            CredentialFailureReason.AccessDenied,
            $"{message} ({inner.GetType().Name})",
            isTransient: IsNetwork(inner),
            innerException: inner);
    }

    /// <summary>
    /// The default chain's second step (web identity) taken directly, with this source's own instance: the chain's
    /// shared cache keeps a web-identity provider built from the token file path it first saw. Static keys in the
    /// environment still come first, as in the chain.
    /// </summary>
    private bool UsesWebIdentity() =>
        !string.IsNullOrWhiteSpace(_environment("AWS_WEB_IDENTITY_TOKEN_FILE"))
        && !string.IsNullOrWhiteSpace(_environment("AWS_ROLE_ARN"))
        && string.IsNullOrWhiteSpace(_environment("AWS_ACCESS_KEY_ID"));

    private static bool IsNetwork(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    private AWSCredentials FromProfile(string profile)
    {
        var chain = _profilesLocation is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(_profilesLocation);
        return chain.TryGetAWSCredentials(profile, out var credentials)
            ? credentials
            : throw Unresolvable(new InvalidOperationException($"Profile not found in the shared config files ({_prefix}Profile)."));
    }
}
