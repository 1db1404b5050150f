namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>Faults waiting for the next requests, in order.</summary>
internal sealed class FaultQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<SecretsManagerFault> _faults = new();

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
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    public bool TryTake(out SecretsManagerFault fault)
    {
        lock (_lock)
        {
            return _faults.TryDequeue(out fault);
        }
    }
}
