namespace SecureCloudinary.Testing.Internal;

/// <summary>Thread-safe, append-only list of <see cref="EmulatedRequest"/>.</summary>
internal sealed class RequestLog
{
    private readonly Lock _lock = new();
    private readonly List<EmulatedRequest> _requests = [];

    public void Add(EmulatedRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    public IReadOnlyList<EmulatedRequest> Snapshot()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }
}
