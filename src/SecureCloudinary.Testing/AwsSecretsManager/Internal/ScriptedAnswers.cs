namespace SecureCloudinary.Testing.AwsSecretsManager.Internal;

/// <summary>The queue of scripted answers, each for a number of requests.</summary>
internal sealed class ScriptedAnswers
{
    private readonly Lock _lock = new();
    private readonly Queue<(ScriptedAnswer Answer, int Remaining)> _queue = new();

    public void Add(ScriptedAnswer answer, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_lock)
        {
            _queue.Enqueue((answer, count));
        }
    }

    public bool TryTake(out ScriptedAnswer answer)
    {
        lock (_lock)
        {
            if (_queue.Count == 0)
            {
                answer = null!;
                return false;
            }

            var (next, remaining) = _queue.Dequeue();
            if (remaining > 1)
            {
                var rest = _queue.ToArray();
                _queue.Clear();
                _queue.Enqueue((next, remaining - 1));
                foreach (var item in rest)
                {
                    _queue.Enqueue(item);
                }
            }

            answer = next;
            return true;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _queue.Clear();
        }
    }
}
