namespace SecureCloudinary.Tests.DependencyInjection;

/// <summary>A source whose loads wait until the test opens the gate, counting calls.</summary>
internal sealed class GatedCredentialSource : ICloudinaryCredentialSource
{
    private int _calls;
    private TaskCompletionSource<CredentialSnapshot> _gate = NewGate();

    public string Name => "Gated";

    public int Calls => Volatile.Read(ref _calls);

    public CancellationToken LastToken { get; private set; }

    public void Succeed(CredentialSnapshot snapshot) => _gate.SetResult(snapshot);

    public void Fail(Exception exception)
    {
        var gate = _gate;
        _gate = NewGate();
        gate.SetException(exception);
    }

    public async ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastToken = cancellationToken;
        return await _gate.Task.ConfigureAwait(false);
    }

    private static TaskCompletionSource<CredentialSnapshot> NewGate() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
