using System.Net;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Fails the next N requests with a chosen status, in arrival order.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private int _remaining;
    private HttpStatusCode _status;
    private TimeSpan? _retryAfter;

    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _remaining = count;
            _status = status;
            _retryAfter = retryAfter;
        }
    }

    public bool TryTake(out HttpStatusCode status) => TryTake(out status, out _);

    /// <summary>Takes one pending fault; <paramref name="retryAfter"/> is set for rate-limit faults.</summary>
    public bool TryTake(out HttpStatusCode status, out TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            status = _status;
            retryAfter = _retryAfter;
            if (_remaining == 0)
            {
                return false;
            }

            _remaining--;
            return true;
        }
    }
}
