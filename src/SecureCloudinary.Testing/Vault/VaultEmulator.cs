using System.Net;
using SecureCloudinary.Testing.Internal;
using SecureCloudinary.Testing.Vault.Internal;

namespace SecureCloudinary.Testing.Vault;

/// <summary>
/// A loopback HashiCorp Vault emulator for integration tests. It speaks Vault's HTTP API for what a credential
/// source needs: KV v1 and v2 mounts (versions, soft delete, destroy), <c>sys/internal/ui/mounts</c>, token,
/// AppRole (with response-wrapped secret ids), Kubernetes, JWT and userpass login, token TTLs with
/// <c>renew-self</c> / <c>lookup-self</c> / <c>revoke-self</c>, read-only policies, namespaces
/// (<c>X-Vault-Namespace</c> or a path prefix), sealed mode and fault injection. Listens on <c>http(s)://127.0.0.1:&lt;port&gt;</c>.
/// <see cref="Requests"/> and <see cref="ToString"/> never contain a token or secret.
/// </summary>
public sealed partial class VaultEmulator : IAsyncDisposable
{
    private readonly VaultEmulatorState _state;
    private readonly LoopbackServer _server;

    private VaultEmulator(VaultEmulatorState state, LoopbackServer server)
    {
        _state = state;
        _server = server;
        Address = server.Address;
    }

    /// <summary>The emulator's address, e.g. <c>http://127.0.0.1:port/</c> (what <c>VAULT_ADDR</c> would hold).</summary>
    public Uri Address { get; }

    /// <summary>A root token of the root namespace: it never expires and may read everything.</summary>
    public string RootToken => _state.RootToken;

    /// <summary>Whether the emulator is sealed (every request but <c>sys/health</c> gets 503).</summary>
    public bool IsSealed
    {
        get
        {
            lock (_state.Lock)
            {
                return _state.Sealed;
            }
        }
    }

    /// <summary>A snapshot of every request received so far.</summary>
    public IReadOnlyList<VaultEmulatedRequest> Requests
    {
        get
        {
            lock (_state.Lock)
            {
                return [.. _state.Requests];
            }
        }
    }

    /// <summary>Starts an emulator on 127.0.0.1 with a free port.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator. Dispose it to stop it.</returns>
    public static async Task<VaultEmulator> StartAsync(VaultEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VaultEmulatorOptions();
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        var state = new VaultEmulatorState(options.TimeProvider, options.RootToken ?? VaultEmulatorState.NewToken());
        if (options.MountDefaultKv)
        {
            state.Namespace(null).KvMounts["secret"] = new KvMount { Path = "secret", Version = 2 };
        }

        var server = await LoopbackServer.StartAsync(
            new VaultEmulatorHandler(state).HandleAsync,
            certificate: options.ServerCertificate,
            requiredClientCertificate: options.RequiredClientCertificate,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new VaultEmulator(state, server);
    }

    /// <summary>Seals the emulator: every request but <c>sys/health</c> gets <c>503 {"errors":["Vault is sealed"]}</c>.</summary>
    public void Seal() => Set(() => _state.Sealed = true);

    /// <summary>Unseals the emulator.</summary>
    public void Unseal() => Set(() => _state.Sealed = false);

    /// <summary>Makes the next <paramref name="count"/> requests (any endpoint but <c>sys/health</c>) fail with <paramref name="statusCode"/>.</summary>
    /// <param name="count">How many requests fail; 0 cancels pending faults.</param>
    /// <param name="statusCode">The status, e.g. 500, 503, 429 or 412. The body is <c>{"errors":["injected fault"]}</c>.</param>
    public void FailNextRequests(int count, HttpStatusCode statusCode) => _state.Faults.FailNext(count, statusCode);

    /// <summary>
    /// Makes the next <paramref name="count"/> requests (any endpoint but <c>sys/health</c>) fail as <paramref name="fault"/>
    /// says: stalls, truncated or oversized JSON, an HTML page, or 429 with <c>Retry-After</c>. Faults queue up in order.
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

    /// <summary>Describes the emulator without any token.</summary>
    /// <returns>Address and sealed state.</returns>
    public override string ToString() => $"VaultEmulator {{ Address = {Address}, Sealed = {IsSealed} }}";

    private void Set(Action change)
    {
        lock (_state.Lock)
        {
            change();
        }
    }

    private static string Clean(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, parameterName);
        return path.Trim().Trim('/');
    }
}
