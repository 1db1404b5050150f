using System.Security.Cryptography;
using SecureCloudinary.Testing.AwsSecretsManager.Internal;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.AwsSecretsManager;

/// <summary>
/// A loopback AWS Secrets Manager emulator speaking the real awsJson 1.1 protocol (<c>GetSecretValue</c>,
/// <c>DescribeSecret</c>, <c>PutSecretValue</c>, <c>UpdateSecretVersionStage</c>) with version stages, real error
/// shapes and SigV4 verification (its own implementation, independent of AWSSDK.Core), plus fault injection.
/// Listens on <c>http://127.0.0.1:&lt;random port&gt;</c>. <see cref="ToString"/> and <see cref="Requests"/> never hold
/// secret values or keys.
/// </summary>
public sealed partial class SecretsManagerEmulator : IAsyncDisposable
{
    private readonly SecretsManagerState _state;
    private readonly LoopbackServer _server;

    private SecretsManagerEmulator(SecretsManagerState state, LoopbackServer server, AwsIdentity identity)
    {
        _state = state;
        _server = server;
        BaseAddress = server.Address;
        AccessKeyId = identity.AccessKeyId;
        SecretAccessKey = identity.SecretAccessKey;
        SessionToken = identity.SessionToken;
    }

    /// <summary>The endpoint, <c>http://127.0.0.1:port/</c>: use it as <c>ServiceUrl</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The region requests must be signed for.</summary>
    public string Region => _state.Options.Region;

    /// <summary>The access key id accepted from the start.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key of <see cref="AccessKeyId"/>.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token <see cref="AccessKeyId"/> must send, or null for long-term keys.</summary>
    public string? SessionToken { get; }

    /// <summary>How error responses are shaped; change it to test a client's tolerance.</summary>
    public SecretsManagerErrorStyle ErrorStyle
    {
        get => _state.ErrorStyle;
        set => _state.ErrorStyle = value;
    }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<EmulatedSecretsManagerRequest> Requests => _state.Requests;

    /// <summary>Starts an emulator on 127.0.0.1 with a free port.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<SecretsManagerEmulator> StartAsync(
        SecretsManagerEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SecretsManagerEmulatorOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        var state = new SecretsManagerState(options);
        var identity = new AwsIdentity(
            options.AccessKeyId ?? "AKIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
            options.SecretAccessKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
            options.SessionToken);
        state.AddIdentity(identity);

        var server = await LoopbackServer.StartAsync(
            new SecretsManagerRequestHandler(state).HandleAsync, maxRequestBodySize: 1024 * 1024, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SecretsManagerEmulator(state, server, identity);
    }

    /// <summary>Makes the next <paramref name="count"/> authenticated requests fail (or stall) as <paramref name="fault"/> says.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it applies to.</param>
    public void InjectFault(SecretsManagerFault fault, int count = 1) => _state.Faults.Add(fault, count);

    /// <summary>Cancels pending injected faults and ends requests stalled by one.</summary>
    public void ClearFaults()
    {
        _state.Faults.Clear();
        _state.Scripted.Clear();
    }

    /// <summary>Accepts another access key (optionally temporary, with a session token).</summary>
    /// <param name="accessKeyId">The access key id.</param>
    /// <param name="secretAccessKey">Its secret key.</param>
    /// <param name="sessionToken">The session token it must send, or null.</param>
    public void AddIdentity(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        _state.AddIdentity(new AwsIdentity(accessKeyId, secretAccessKey, sessionToken));
    }

    /// <summary>Makes the session token of <paramref name="accessKeyId"/> expired: its requests get <c>ExpiredTokenException</c>.</summary>
    /// <param name="accessKeyId">The access key id.</param>
    public void ExpireSessionToken(string accessKeyId)
    {
        var identity = _state.FindIdentity(accessKeyId) ?? throw new ArgumentException("Unknown access key id.", nameof(accessKeyId));
        identity.Expired = true;
    }

    /// <summary>Stops accepting an access key (<c>UnrecognizedClientException</c>).</summary>
    /// <param name="accessKeyId">The access key id.</param>
    /// <returns>Whether it was known.</returns>
    public bool RemoveIdentity(string accessKeyId) => _state.RemoveIdentity(accessKeyId);

    /// <summary>Answers <c>AccessDeniedException</c> to GetSecretValue for one secret (name or ARN), or for all when null.</summary>
    /// <param name="secretId">The secret, or null for every secret.</param>
    public void DenyAccess(string? secretId = null) => _state.Deny(secretId);

    /// <summary>
    /// Answers <c>AccessDeniedException</c> ("not authorized to perform: secretsmanager:&lt;action&gt;"), as IAM does
    /// for an identity whose policy lacks that action, to every <paramref name="action"/> request for one secret (name or
    /// ARN), or for all when null, before the action changes anything. E.g. <c>PutSecretValue</c> or
    /// <c>UpdateSecretVersionStage</c> for an identity that may read but not rotate.
    /// </summary>
    /// <param name="action">The operation name, e.g. <c>UpdateSecretVersionStage</c>.</param>
    /// <param name="secretId">The secret, or null for every secret.</param>
    public void DenyAction(string action, string? secretId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        _state.DenyAction(action, secretId);
    }

    /// <summary>Lifts every <see cref="DenyAccess"/> and <see cref="DenyAction"/>.</summary>
    public void AllowAccess() => _state.AllowAll();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.StopAsync(_state.Faults.Clear, _state.Faults);

    /// <summary>Describes the emulator without keys or secrets.</summary>
    /// <returns>Address and region.</returns>
    public override string ToString() => $"SecretsManagerEmulator {{ BaseAddress = {BaseAddress}, Region = {Region} }}";
}
