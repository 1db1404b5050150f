using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace SecureCloudinary.AwsSecretsManager.Internal;

/// <summary>
/// Finds the AWS credentials with AWSSDK.Core: the credentials given in code, else the named profile, else the
/// SDK's default chain (environment, web identity, profile/SSO, container, instance metadata). Nothing of the
/// chain is re-implemented here.
/// </summary>
internal sealed class AwsCredentialResolver
{
    private readonly AWSCredentials? _explicit;
    private readonly string? _profile;
    private readonly string? _profilesLocation;
    private readonly string _prefix;
    private readonly Lock _lock = new();
    private AWSCredentials? _current;

    public AwsCredentialResolver(AWSCredentials? credentials, string? profile, string? profilesLocation, string prefix)
    {
        _explicit = credentials;
        _profile = string.IsNullOrWhiteSpace(profile) ? null : profile.Trim();
        _profilesLocation = string.IsNullOrWhiteSpace(profilesLocation) ? null : profilesLocation.Trim();
        _prefix = prefix;
    }

    /// <summary>The credentials to sign with; resolved on first use.</summary>
    public async ValueTask<AWSCredentials> GetAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_current is not null)
            {
                return _current;
            }
        }

        var resolved = _explicit ?? (_profile is not null ? FromProfile(_profile) : await FromChainAsync(cancellationToken).ConfigureAwait(false));
        lock (_lock)
        {
            return _current ??= resolved;
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

    /// <summary>The failure to throw when the SDK could not produce credentials.</summary>
    public CloudinaryCredentialException Unresolvable(Exception inner) => new(
        AwsSecretsManagerCredentialSource.SourceName,
        CredentialFailureReason.AccessDenied,
        _profile is not null
            ? $"The AWS profile named by {_prefix}Profile could not supply credentials; check the shared config and credentials files (or {_prefix}ProfilesLocation)."
            : $"No AWS credentials were found by the default chain: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or {_prefix}Profile, "
                + "or run with a web identity, container or instance role.",
        isTransient: false,
        innerException: inner);

    private AWSCredentials FromProfile(string profile)
    {
        var chain = _profilesLocation is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(_profilesLocation);
        return chain.TryGetAWSCredentials(profile, out var credentials)
            ? credentials
            : throw Unresolvable(new InvalidOperationException($"Profile not found in the shared config files ({_prefix}Profile)."));
    }

    private async Task<AWSCredentials> FromChainAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw Unresolvable(e);
        }
    }
}
