using SecureCloudinary.Testing.AwsSecretsManager.Internal;

namespace SecureCloudinary.Testing.AwsSecretsManager;

/// <content>Scripted answers: a clock offset, redirects, arbitrary errors, and the STS web-identity endpoint.</content>
public sealed partial class SecretsManagerEmulator
{
    /// <summary>
    /// How far the emulator's clock is from <see cref="SecretsManagerEmulatorOptions.TimeProvider"/>: signature ages
    /// are checked against, and the <c>Date</c> response header carries, the provider's time plus this offset.
    /// Default zero. Use it to show a client whose clock is off.
    /// </summary>
    public TimeSpan ClockOffset
    {
        get => _state.Clock.Offset;
        set => _state.Clock.Offset = value;
    }

    /// <summary>Answers the next <paramref name="count"/> authenticated requests with <paramref name="error"/>.</summary>
    /// <param name="error">The answer.</param>
    /// <param name="count">How many requests it applies to.</param>
    public void ScriptError(ScriptedAwsError error, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentException.ThrowIfNullOrEmpty(error.ErrorType, nameof(error));
        _state.Scripted.Add(new ScriptedAnswer(error, null, 0), count);
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> authenticated requests with a redirect (<c>Location</c>
    /// <paramref name="location"/>), as a hostile or misconfigured endpoint would.
    /// </summary>
    /// <param name="location">Where the redirect points.</param>
    /// <param name="statusCode">The 3xx status. Default 307.</param>
    /// <param name="count">How many requests it applies to.</param>
    public void RedirectTo(Uri location, int statusCode = 307, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 399);
        _state.Scripted.Add(new ScriptedAnswer(null, location, statusCode), count);
    }

    /// <summary>
    /// Makes the emulator also answer STS <c>AssumeRoleWithWebIdentity</c> (query protocol, form POST to <c>/</c>):
    /// a request for <paramref name="roleArn"/> carrying <paramref name="webIdentityToken"/> gets new temporary
    /// credentials (valid for an hour on the emulator's clock) that Secrets Manager calls are accepted with. Point
    /// <c>AWS_ENDPOINT_URL_STS</c> at <see cref="BaseAddress"/>.
    /// </summary>
    /// <param name="roleArn">The role that may be assumed.</param>
    /// <param name="webIdentityToken">The OIDC token that must be presented.</param>
    public void EnableWebIdentity(string roleArn, string webIdentityToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        ArgumentException.ThrowIfNullOrEmpty(webIdentityToken);
        _state.WebIdentity.Allow(roleArn, webIdentityToken);
    }

    /// <summary>
    /// Makes the emulator also answer STS <c>AssumeRole</c> (query protocol) for <paramref name="roleArn"/>, called with
    /// any access key it accepts (the STS signature is not verified), e.g. by a <c>role_arn</c>/<c>source_profile</c> profile.
    /// </summary>
    /// <param name="roleArn">The role that may be assumed.</param>
    public void EnableAssumeRole(string roleArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        _state.WebIdentity.AllowAssumeRole(roleArn);
    }

    /// <summary>The access key ids handed out by <c>AssumeRoleWithWebIdentity</c> and <c>AssumeRole</c> so far, in order.</summary>
    public IReadOnlyList<string> IssuedAccessKeyIds => _state.WebIdentity.Issued;
}
