namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>Faults waiting for the next requests, in order.</summary>
internal sealed class FaultQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<SecretsManagerFault> _faults = new();
    private CancellationTokenSource _release = new();

    /// <summary>Cancelled by <see cref="Clear"/>: requests stalled by a fault then end.</summary>
    public CancellationToken ReleaseToken
    {
        get
        {
            lock (_lock)
            {
                return _release.Token;
            }
        }
    }

    public void Add(SecretsManagerFault fault, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    public void Clear()
    {
        CancellationTokenSource released;
        lock (_lock)
        {
            _faults.Clear();
            released = _release;
            _release = new CancellationTokenSource();
        }

        released.Cancel();
        released.Dispose();
    }

    public bool TryTake(out SecretsManagerFault fault)
    {
        lock (_lock)
        {
            return _faults.TryDequeue(out fault);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _faults.Clear();
            _release.Cancel();
            _release.Dispose();
        }
    }
}
