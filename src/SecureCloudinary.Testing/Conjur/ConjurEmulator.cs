using System.Net;
using System.Text;
using SecureCloudinary.Testing.Conjur.Internal;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.Conjur;

/// <summary>
/// A loopback CyberArk Conjur emulator for integration tests. It speaks Conjur's v5 REST API: <c>authn</c>
/// (API key) and <c>authn-jwt</c> authentication returning signed, expiring access tokens (also in the
/// <c>Accept-Encoding: base64</c> form), single-variable retrieval with versions
/// (<c>GET /secrets/{account}/variable/{id}[?version=N]</c>; the last 20 versions, listed in the variable's resource
/// record <c>GET /resources/{account}/variable/{id}</c>), adding values (<c>POST /secrets/…</c>), batch retrieval
/// (<c>GET /secrets?variable_ids=…</c>), <c>read</c>/<c>execute</c>/<c>update</c> permissions per role, Conjur's status codes
/// and error bodies, and fault injection. Listens on <c>http://127.0.0.1:&lt;random port&gt;</c>.
/// </summary>
public sealed partial class ConjurEmulator : IAsyncDisposable
{
    private readonly ConjurState _state;
    private readonly LoopbackServer _server;

    private ConjurEmulator(ConjurState state, LoopbackServer server, Uri baseAddress)
    {
        _state = state;
        _server = server;
        BaseAddress = baseAddress;
    }

    /// <summary>The appliance URL: <c>http://127.0.0.1:port/</c> plus the path base, with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Conjur account.</summary>
    public string Account => _state.Account;

    /// <summary>A snapshot of every request received so far (method, raw target, status; never bodies or tokens).</summary>
    public IReadOnlyList<EmulatedConjurRequest> Requests => _state.Requests();

    /// <summary>Starts an emulator on 127.0.0.1 with a free port.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator. Dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static async Task<ConjurEmulator> StartAsync(ConjurEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConjurEmulatorOptions();
        options.Validate(nameof(options));
        var state = new ConjurState(options);
        var server = await LoopbackServer.StartAsync(
            new ConjurRequestHandler(state).HandleAsync, maxRequestBodySize: 1024 * 1024, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = server.Address.GetLeftPart(UriPartial.Authority);
        return new ConjurEmulator(state, server, new Uri(root + options.PathBase + "/"));
    }

    /// <summary>Adds a host role (login <c>host/&lt;hostId&gt;</c>) and returns its API key.</summary>
    /// <param name="hostId">The host id, e.g. <c>apps/web</c>.</param>
    /// <returns>The API key.</returns>
    public string AddHost(string hostId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostId);
        return _state.AddRole("host/" + hostId);
    }

    /// <summary>Adds a user role (login = <paramref name="userId"/>, e.g. <c>alice@devops</c>) and returns its API key.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>The API key.</returns>
    public string AddUser(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return _state.AddRole(userId);
    }

    /// <summary>Gives a role a new API key; the old one stops working. Tokens already issued stay valid.</summary>
    /// <param name="login">The login, e.g. <c>host/apps/web</c>.</param>
    /// <returns>The new API key.</returns>
    public string RotateApiKey(string login) => _state.RotateApiKey(login);

    /// <summary>Disables or enables a role: a disabled role can neither authenticate nor use its tokens.</summary>
    /// <param name="login">The login.</param>
    /// <param name="enabled">Whether the role may act.</param>
    public void SetRoleEnabled(string login, bool enabled) => _state.SetEnabled(login, enabled);

    /// <summary>Declares a variable without a value (reading it is 404 until a value is added).</summary>
    /// <param name="variableId">The variable id, e.g. <c>apps/web/api-secret</c>.</param>
    public void DeclareVariable(string variableId) => _state.DeclareVariable(variableId);

    /// <summary>Adds a new version of a variable's value (creating the variable if needed). Conjur keeps the last 20.</summary>
    /// <param name="variableId">The variable id.</param>
    /// <param name="value">The value (UTF-8 encoded).</param>
    /// <returns>The new version number (1 for the first value).</returns>
    public int SetSecret(string variableId, string value) => SetSecret(variableId, Encoding.UTF8.GetBytes(value));

    /// <summary>Adds a new binary version of a variable's value.</summary>
    /// <param name="variableId">The variable id.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new version number.</returns>
    public int SetSecret(string variableId, byte[] value)
    {
        ArgumentException.ThrowIfNullOrEmpty(variableId);
        ArgumentNullException.ThrowIfNull(value);
        return _state.AddValue(variableId, value);
    }

    /// <summary>Deletes a variable and all its versions.</summary>
    /// <param name="variableId">The variable id.</param>
    /// <returns>Whether it existed.</returns>
    public bool DeleteVariable(string variableId) => _state.RemoveVariable(variableId);

    /// <summary>Sets a role's privileges on a variable (replacing earlier ones).</summary>
    /// <param name="login">The login, e.g. <c>host/apps/web</c>.</param>
    /// <param name="variableId">The variable id.</param>
    /// <param name="privileges">The privileges; default <c>read</c> and <c>execute</c>.</param>
    public void Permit(string login, string variableId, ConjurPrivileges privileges = ConjurPrivileges.Read | ConjurPrivileges.Execute) =>
        _state.Grant(login, variableId, privileges);

    /// <summary>
    /// Makes an <c>authn-jwt</c> service accept <paramref name="jwt"/> as <paramref name="hostLogin"/>. With
    /// <paramref name="hostIdInUrl"/> the request URL must name the host (no <c>token-app-property</c>); otherwise it must not.
    /// </summary>
    /// <param name="serviceId">The authenticator's service id.</param>
    /// <param name="jwt">The JWT text the client will send.</param>
    /// <param name="hostLogin">The host it authenticates as, e.g. <c>host/apps/web</c> (must have been added).</param>
    /// <param name="hostIdInUrl">Whether the host id is part of the authenticate URL.</param>
    public void AddJwt(string serviceId, string jwt, string hostLogin, bool hostIdInUrl = false) =>
        _state.AddJwt(serviceId, jwt, hostLogin, hostIdInUrl);

    /// <summary>Issues an access token (the raw token JSON) for a role, as a sidecar writing a token file would get.</summary>
    /// <param name="login">The login.</param>
    /// <returns>The token JSON.</returns>
    public string IssueToken(string login) => _state.Signer.Issue(login);

    /// <summary>Invalidates every access token issued so far (the next use answers 401).</summary>
    public void RevokeAllTokens() => _state.Signer.Rotate();

    /// <summary>Makes the next <paramref name="count"/> requests (any endpoint) fail with <paramref name="statusCode"/>.</summary>
    /// <param name="count">How many requests fail; 0 cancels pending faults.</param>
    /// <param name="statusCode">The status code, e.g. 500 or 503.</param>
    public void FailNextRequests(int count, HttpStatusCode statusCode) => _state.Faults.FailNext(count, statusCode);

    /// <summary>
    /// Makes the next <paramref name="count"/> requests (any endpoint) fail as <paramref name="fault"/> says: stalls,
    /// truncated or oversized JSON, an HTML page, or 429 with <c>Retry-After</c>. Faults queue up in order.
    /// </summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it applies to.</param>
    public void InjectFault(EmulatedHttpFault fault, int count = 1) => _state.HttpFaults.Add(fault, count);

    /// <summary>Cancels pending <see cref="InjectFault"/> faults and <see cref="FailNextRequests"/>, and ends stalled requests.</summary>
    public void ClearFaults()
    {
        _state.Faults.FailNext(0, HttpStatusCode.InternalServerError);
        _state.HttpFaults.Clear();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.StopAsync(_state.HttpFaults.Clear, _state.HttpFaults);

    /// <summary>Describes the emulator without any secret.</summary>
    /// <returns>Account and address.</returns>
    public override string ToString() => $"ConjurEmulator {{ Account = {Account}, BaseAddress = {BaseAddress} }}";
}
