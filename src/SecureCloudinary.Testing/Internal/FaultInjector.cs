using System.Net;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Fails the next N requests with a chosen status, in arrival order.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private int _remaining;
    private HttpStatusCode _status;

    public void FailNext(int count, HttpStatusCode status)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _remaining = count;
            _status = status;
        }
    }

    public bool TryTake(out HttpStatusCode status)
    {
        lock (_lock)
        {
            status = _status;
            if (_remaining == 0)
            {
                return false;
            }

            _remaining--;
            return true;
        }
    }
}
