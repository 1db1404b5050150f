namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// Faults waiting for the next requests, in order, shared by the emulators' <c>InjectFault</c>. <see cref="Clear"/>
/// also releases requests that are stalled (or slowed) by an earlier fault.
/// </summary>
/// <typeparam name="TFault">The emulator's fault enum.</typeparam>
/// <param name="rejectUndefined">Whether <see cref="Add"/> throws for a value the enum does not define.</param>
internal sealed class FaultQueue<TFault>(bool rejectUndefined) : IDisposable
    where TFault : struct, Enum
{
    private readonly Lock _lock = new();
    private readonly Queue<TFault> _faults = new();
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

    public void Add(TFault fault, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (rejectUndefined && !Enum.IsDefined(fault))
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

    public bool TryTake(out TFault fault)
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
