using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Vault.Internal;

/// <summary>
/// Owns the Vault client token: logs in (or looks up a configured token) on first use, renews it through
/// <c>auth/token/renew-self</c> at about two thirds of its TTL while it is renewable, and logs in again when it is
/// not renewable, has stopped growing (max TTL), has expired, or Vault answered 403. All of this is single
/// flight: concurrent callers share one login or renewal. A timer on the <see cref="TimeProvider"/> does the
/// renewal in the background as well, so an idle process keeps its token alive.
/// </summary>
internal sealed class VaultTokenManager : IDisposable
{
    private readonly VaultHttp _http;
    private readonly VaultLogin? _login;
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string? _staticToken;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private VaultToken? _current;
    private ITimer? _timer;
    private Task _background = Task.CompletedTask;

    public VaultTokenManager(VaultHttp http, VaultAuthOptions auth, string prefix, TimeProvider time, ILogger logger)
    {
        _http = http;
        _prefix = prefix;
        _time = time;
        _logger = logger;
        if (auth.Method == VaultAuthMethod.Token)
        {
            _staticToken = auth.Token?.Trim();
        }
        else
        {
            _login = new VaultLogin(auth, http, prefix, logger);
        }
    }

    /// <summary>Whether a rejected token can be replaced by logging in again.</summary>
    public bool CanLogin => _login is not null;

    /// <summary>Whether a timer renews the token in the background (tests switch it off to drive renewal by reads).</summary>
    internal bool BackgroundRenewal { get; set; } = true;

    /// <summary>The background renewal started by the timer, for tests.</summary>
    internal Task BackgroundRefresh => Volatile.Read(ref _background);

    /// <summary>The current token, for tests.</summary>
    internal VaultToken? Current => Volatile.Read(ref _current);

    /// <summary>Values that must never appear in a message: the tokens and login secrets.</summary>
    public IReadOnlyCollection<string> Secrets
    {
        get
        {
            var list = new List<string>(_login?.SentSecrets ?? []);
            if (_staticToken is not null)
            {
                list.Add(_staticToken);
            }

            if (Volatile.Read(ref _current) is { } token)
            {
                list.Add(token.Value);
            }

            return list;
        }
    }

    /// <summary>Returns a usable token, logging in or renewing first when due.</summary>
    public async ValueTask<VaultToken> GetAsync(CancellationToken cancellationToken)
    {
        var token = Volatile.Read(ref _current);
        if (token is not null && !token.IsRefreshDue(_time.GetUtcNow()))
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RefreshLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Replaces a token Vault rejected with 403 by logging in again — once for all callers that saw the same
    /// token rejected. Returns null when the token cannot be replaced (a configured token).
    /// </summary>
    public async Task<VaultToken?> ReplaceAsync(VaultToken rejected, CancellationToken cancellationToken)
    {
        if (_login is null)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && !ReferenceEquals(current, rejected))
            {
                return current;
            }

            _logger.ReLogin("Vault answered 403 with the current token");
            return Set(await LoginAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
        _gate.Dispose();
    }

    private async Task<VaultToken> RefreshLockedAsync(CancellationToken cancellationToken)
    {
        var token = _current;
        var now = _time.GetUtcNow();
        if (token is null)
        {
            return Set(_login is null
                ? await LookUpStaticTokenAsync(cancellationToken).ConfigureAwait(false)
                : await LoginAsync(cancellationToken).ConfigureAwait(false));
        }

        if (!token.IsRefreshDue(now))
        {
            return token;
        }

        try
        {
            if (token.IsExpired(now) || !token.Renewable)
            {
                if (_login is null)
                {
                    return token;
                }

                _logger.ReLogin(token.IsExpired(now) ? "the token expired" : "the token is not renewable and two thirds of its TTL have passed");
                return Set(await LoginAsync(cancellationToken).ConfigureAwait(false));
            }

            return Set(await RenewAsync(token, now, cancellationToken).ConfigureAwait(false));
        }
        catch (CloudinaryCredentialException e) when (e.IsTransient && !token.IsExpired(now))
        {
            // Vault is unreachable or sealed, but the token still works: keep it and try again later.
            var left = token.ExpiresAt!.Value - now;
            _logger.RefreshDeferred(e.Reason.ToString(), (long)left.TotalSeconds);
            return Set(new VaultToken(token.Value, now, left, token.Renewable, token.FromLogin));
        }
    }

    private async Task<VaultToken> RenewAsync(VaultToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(HttpMethod.Post, "auth/token/renew-self", token.Value, "{}"u8.ToArray(), cancellationToken)
            .ConfigureAwait(false);
        if (response.IsSuccess && response.Auth is { } auth && VaultResponse.Number(auth, "lease_duration") is { } seconds)
        {
            var renewed = new VaultToken(token.Value, now, Lease(seconds), VaultResponse.Bool(auth, "renewable") ?? false, token.FromLogin);
            _logger.TokenRenewed(seconds);
            if (renewed.ExpiresAt is { } newExpiry && token.ExpiresAt is { } oldExpiry && newExpiry <= oldExpiry)
            {
                // The lease stopped growing: the token is at its max TTL. Log in again at two thirds of what is left.
                return new VaultToken(token.Value, now, newExpiry - now, renewable: false, token.FromLogin);
            }

            return renewed;
        }

        if (VaultHttp.IsTransient(response.StatusCode) && !token.IsExpired(now))
        {
            _logger.TokenRenewFailed(response.StatusCode, "keeping the current token and trying again later");
            var left = token.ExpiresAt!.Value - now;
            return new VaultToken(token.Value, now, left, token.Renewable, token.FromLogin);
        }

        if (_login is not null)
        {
            _logger.TokenRenewFailed(response.StatusCode, "logging in again");
            return await LoginAsync(cancellationToken).ConfigureAwait(false);
        }

        _logger.TokenRenewFailed(response.StatusCode, "the configured token is used as it is until Vault rejects it");
        return new VaultToken(token.Value, token.IssuedAt, token.Lease, renewable: false, fromLogin: false);
    }

    private async Task<VaultToken> LoginAsync(CancellationToken cancellationToken)
    {
        var login = _login!;
        using var response = await login.LoginAsync(cancellationToken).ConfigureAwait(false);
        var auth = response.IsSuccess ? response.Auth : null;
        var clientToken = auth is { } a ? VaultResponse.String(a, "client_token") : null;
        if (auth is null || string.IsNullOrEmpty(clientToken))
        {
            _logger.LoginFailed(login.Method, login.Mount, response.StatusCode);
            throw LoginFailed(login, response);
        }

        var seconds = VaultResponse.Number(auth.Value, "lease_duration") ?? 0;
        var renewable = VaultResponse.Bool(auth.Value, "renewable") ?? false;
        _logger.LoggedIn(login.Method, login.Mount, seconds, renewable);
        return new VaultToken(clientToken, _time.GetUtcNow(), Lease(seconds), renewable, fromLogin: true);
    }

    private async Task<VaultToken> LookUpStaticTokenAsync(CancellationToken cancellationToken)
    {
        var value = _staticToken ?? string.Empty;
        using var response = await _http.SendAsync(HttpMethod.Get, "auth/token/lookup-self", value, null, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == 403)
        {
            _logger.LoginFailed(VaultAuthMethod.Token, "token", response.StatusCode);
            throw new CloudinaryCredentialException(
                VaultCredentialSource.SourceName,
                CredentialFailureReason.AccessDenied,
                $"Vault rejected the token from {_prefix}Auth:Token (or VAULT_TOKEN) at auth/token/lookup-self (HTTP 403): "
                + "it is invalid, expired or revoked. Configure a valid token."
                + VaultErrorText.Describe(response.Errors, Secrets));
        }

        if (VaultHttp.IsTransient(response.StatusCode))
        {
            throw Unavailable("auth/token/lookup-self", response);
        }

        var now = _time.GetUtcNow();
        if (response.IsSuccess && response.Data is { } data)
        {
            var ttl = VaultResponse.Number(data, "ttl") ?? 0;
            return new VaultToken(value, now, Lease(ttl), VaultResponse.Bool(data, "renewable") ?? false, fromLogin: false);
        }

        // Lookup not allowed or not understood: use the token as it is; Vault decides on each read.
        return new VaultToken(value, now, lease: null, renewable: false, fromLogin: false);
    }

    private VaultToken Set(VaultToken token)
    {
        Volatile.Write(ref _current, token);
        Schedule(token);
        return token;
    }

    private void Schedule(VaultToken token)
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _timer?.Dispose();
        _timer = null;
        if (BackgroundRenewal && token.RefreshAt is { } at && (token.Renewable || _login is not null))
        {
            var due = at - _time.GetUtcNow();
            _timer = _time.CreateTimer(_ => OnTimer(), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer() => Volatile.Write(ref _background, RefreshInBackgroundAsync());

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await GetAsync(_disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (CloudinaryCredentialException e)
        {
            _logger.BackgroundRefreshFailed(e.Reason.ToString(), e);
        }
    }

    private CloudinaryCredentialException LoginFailed(VaultLogin login, VaultResponse response)
    {
        var status = response.StatusCode;
        var said = VaultErrorText.Describe(response.Errors, Secrets);
        if (VaultHttp.IsTransient(status))
        {
            return Unavailable(login.LoginPath, response);
        }

        if (response.IsSuccess)
        {
            // 2xx without a login answer: not Vault's JSON (a proxy or captive-portal page, truncated JSON). The
            // credentials were never judged, so do not blame them.
            return new CloudinaryCredentialException(
                VaultCredentialSource.SourceName,
                CredentialFailureReason.Unavailable,
                $"Vault answered {login.LoginPath} with HTTP {status} but not with a login response (not Vault's JSON, or no token in it). "
                + $"Check that {_prefix}Address (VAULT_ADDR) points at Vault and not at a proxy or a web page.",
                isTransient: true);
        }

        var hint = login.Method switch
        {
            VaultAuthMethod.AppRole => $"Check {_prefix}Auth:RoleId and the secret id (secret ids can be single-use or expire: issue a new one).",
            VaultAuthMethod.Kubernetes => $"Check {_prefix}Auth:Role and that the service account is bound to that role.",
            VaultAuthMethod.Jwt => $"Check {_prefix}Auth:Role and the JWT in {_prefix}Auth:JwtFile (expired or wrong audience?).",
            _ => $"Check {_prefix}Auth:Username and Password.",
        };
        if (status == 404)
        {
            return new CloudinaryCredentialException(
                VaultCredentialSource.SourceName,
                CredentialFailureReason.AccessDenied,
                $"No {login.Method} auth method is enabled at auth/{login.Mount} (HTTP 404). Check {_prefix}Auth:MountPath.{said}");
        }

        return new CloudinaryCredentialException(
            VaultCredentialSource.SourceName,
            CredentialFailureReason.AccessDenied,
            $"Vault rejected the {login.Method} login at {login.LoginPath} (HTTP {status}). {hint}{said}");
    }

    private CloudinaryCredentialException Unavailable(string path, VaultResponse response) =>
        new(
            VaultCredentialSource.SourceName,
            CredentialFailureReason.Unavailable,
            $"Vault ({_prefix}Address) could not answer {path} (HTTP {response.StatusCode}{VaultStatus.Describe(response)}). Try again later."
            + VaultErrorText.Describe(response.Errors, Secrets),
            isTransient: true);

    private static TimeSpan? Lease(long seconds) => seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
}
