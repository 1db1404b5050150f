using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Conjur.Internal;

/// <summary>
/// Caches the access token and renews it before it expires (<see cref="ConjurAccessToken.RefreshAt"/>). Renewal
/// is single-flight: concurrent callers wait for one authentication. Reading a valid token takes no lock.
/// </summary>
internal sealed class ConjurTokenCache : IDisposable
{
    private readonly IConjurTokenIssuer _issuer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConjurAccessToken? _current;

    public ConjurTokenCache(IConjurTokenIssuer issuer, TimeProvider time, ILogger logger)
    {
        _issuer = issuer;
        _time = time;
        _logger = logger;
    }

    public IConjurTokenIssuer Issuer => _issuer;

    /// <summary>How many tokens were obtained so far (for tests and diagnostics).</summary>
    public int IssuedCount { get; private set; }

    public ValueTask<ConjurAccessToken> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return IsUsable(current) ? new ValueTask<ConjurAccessToken>(current!) : RenewAsync(cancellationToken);
    }

    /// <summary>Drops <paramref name="rejected"/> so the next <see cref="GetAsync"/> authenticates again.</summary>
    public void Invalidate(ConjurAccessToken rejected) => Interlocked.CompareExchange(ref _current, null, rejected);

    public void Dispose() => _gate.Dispose();

    private bool IsUsable(ConjurAccessToken? token) =>
        token is not null && !token.NeedsRefresh(_time.GetUtcNow()) && !_issuer.IsStale(token);

    private async ValueTask<ConjurAccessToken> RenewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref _current);
            if (IsUsable(current))
            {
                return current!;
            }

            var token = await _issuer.IssueAsync(cancellationToken).ConfigureAwait(false);
            IssuedCount++;
            ConjurLog.TokenIssued(_logger, _issuer.Name, token.ExpiresAt);
            Volatile.Write(ref _current, token);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
