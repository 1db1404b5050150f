namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Reads a pre-issued access token from a file another process keeps fresh (e.g. the authn-k8s sidecar's
/// <c>/run/conjur/access-token</c>). The file is re-read when its time stamp or size changes, and when the token
/// is due for refresh.
/// </summary>
internal sealed class TokenFileIssuer : IConjurTokenIssuer
{
    private readonly string _path;
    private readonly ConjurSettings _settings;
    private readonly TimeProvider _time;

    public TokenFileIssuer(string path, ConjurSettings settings, TimeProvider time)
    {
        _path = path;
        _settings = settings;
        _time = time;
    }

    public string Name => "token file";

    private string Key => _settings.Prefix + ":TokenFile";

    public bool IsStale(ConjurAccessToken token) => !Equals(token.Stamp, CurrentStamp());

    public CloudinaryCredentialException Rejected() => ConjurErrors.AccessDenied(
        $"Conjur rejected the access token read from {Key} (HTTP 401): it is expired or was revoked. Check the process that refreshes the file (e.g. the authn-k8s sidecar).");

    public async Task<ConjurAccessToken> IssueAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        object? stamp;
        try
        {
            stamp = CurrentStamp();
            var info = new FileInfo(_path);
            if (!info.Exists)
            {
                throw ConjurErrors.Unavailable($"The file named by {Key} does not exist (yet); check the process that writes it.", transient: true);
            }

            if (info.Length > _settings.MaxResponseBodyBytes)
            {
                throw ConjurErrors.Unavailable($"The file named by {Key} is larger than {_settings.MaxResponseBodyBytes} bytes.", transient: false);
            }

            bytes = await File.ReadAllBytesAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ConjurErrors.Unavailable(
                $"The file named by {Key} could not be read ({e.GetType().Name}); check it exists and the app may read it.", transient: true);
        }

        return ConjurAccessToken.TryParse(bytes, _time.GetUtcNow(), stamp)
            ?? throw ConjurErrors.Unavailable(
                $"The file named by {Key} does not hold a Conjur access token (token JSON or its Base64 form); it may be mid-write.",
                transient: true);
    }

    private (DateTime, long)? CurrentStamp()
    {
        try
        {
            var info = new FileInfo(_path);
            return info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
