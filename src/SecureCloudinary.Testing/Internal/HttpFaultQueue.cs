namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// <see cref="EmulatedHttpFault"/>s waiting for the next requests, in order. <see cref="Clear"/> also releases
/// requests that are stalled by an earlier fault.
/// </summary>
internal sealed class HttpFaultQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<EmulatedHttpFault> _faults = new();
    private CancellationTokenSource _release = new();

    /// <summary>Cancelled when the faults are cleared or the emulator stops: stalled requests then end.</summary>
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

    public void Add(EmulatedHttpFault fault, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!Enum.IsDefined(fault))
        {
            throw new ArgumentOutOfRangeException(nameof(fault));
        }

        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    public bool TryTake(out EmulatedHttpFault fault)
    {
        lock (_lock)
        {
            return _faults.TryDequeue(out fault);
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
