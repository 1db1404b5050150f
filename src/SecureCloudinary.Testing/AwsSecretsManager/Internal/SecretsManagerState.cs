using System.Collections.Concurrent;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>Everything the emulator's request handler and its public methods share.</summary>
internal sealed class SecretsManagerState
{
    private readonly ConcurrentDictionary<string, AwsIdentity> _identities = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatedSecretsManagerRequest> _requests = new();
    private readonly Lock _denyLock = new();
    private readonly HashSet<string> _denied = new(StringComparer.Ordinal);
    private readonly HashSet<(string Action, string? Secret)> _deniedActions = [];
    private bool _denyAll;

    public SecretsManagerState(SecretsManagerEmulatorOptions options)
    {
        Options = options;
        Clock = new EmulatorClock(options.TimeProvider);
        Store = new SecretStore(options.Region, options.AccountId, options.TimeProvider);
        Verifier = new SigV4Verifier(options.Region, Clock, options.MaxClockSkew, FindIdentity);
    }

    /// <summary>The emulator's clock: the options' provider plus <see cref="SecretsManagerEmulator.ClockOffset"/>.</summary>
    public EmulatorClock Clock { get; }

    public ScriptedAnswers Scripted { get; } = new();

    public WebIdentityRoles WebIdentity { get; } = new();

    public SecretsManagerEmulatorOptions Options { get; }

    public SecretStore Store { get; }

    public SigV4Verifier Verifier { get; }

    public FaultQueue<SecretsManagerFault> Faults { get; } = new(rejectUndefined: false);

    public SecretsManagerErrorStyle ErrorStyle { get; set; }

    public IReadOnlyList<EmulatedSecretsManagerRequest> Requests => _requests.ToArray();

    public void Record(EmulatedSecretsManagerRequest request) => _requests.Enqueue(request);

    public AwsIdentity? FindIdentity(string accessKeyId) => _identities.GetValueOrDefault(accessKeyId);

    public void AddIdentity(AwsIdentity identity) => _identities[identity.AccessKeyId] = identity;

    public bool RemoveIdentity(string accessKeyId) => _identities.TryRemove(accessKeyId, out _);

    public void Deny(string? secretId)
    {
        lock (_denyLock)
        {
            if (secretId is null)
            {
                _denyAll = true;
            }
            else
            {
                _denied.Add(secretId);
            }
        }
    }

    public void AllowAll()
    {
        lock (_denyLock)
        {
            _denyAll = false;
            _denied.Clear();
            _deniedActions.Clear();
        }
    }

    public void DenyAction(string action, string? secretId)
    {
        lock (_denyLock)
        {
            _deniedActions.Add((action, secretId));
        }
    }

    /// <summary>Whether <paramref name="action"/> is denied on <paramref name="secret"/> (by name or ARN) or on every secret.</summary>
    public bool IsActionDenied(string action, StoredSecret secret)
    {
        lock (_denyLock)
        {
            return _deniedActions.Contains((action, null)) || _deniedActions.Contains((action, secret.Name)) || _deniedActions.Contains((action, secret.Arn));
        }
    }

    public bool IsDenied(StoredSecret secret)
    {
        lock (_denyLock)
        {
            return _denyAll || _denied.Contains(secret.Name) || _denied.Contains(secret.Arn);
        }
    }
}
