namespace SecureCloudinary.Tests.Lifecycle;

/// <summary>
/// A source a test steers: it returns <see cref="Next"/>, throws <see cref="Failure"/>, or (when <see cref="Hold"/>
/// is set) waits until the test calls <see cref="Release"/>. Counts calls and keeps the last token.
/// </summary>
internal sealed class ScriptedCredentialSource(CredentialSnapshot first) : ICloudinaryCredentialSource
{
    private int _calls;
    private TaskCompletionSource? _held;

    public string Name => "Scripted";

    public CredentialSnapshot Next { get; set; } = first;

    public Exception? Failure { get; set; }

    public bool Hold { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public CancellationToken LastToken { get; private set; }

    /// <summary>Completes when a held call has started.</summary>
    public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release()
    {
        Hold = false;
        _held?.TrySetResult();
    }

    public async ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastToken = cancellationToken;
        if (Hold)
        {
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Entered.TrySetResult();
            await _held.Task.ConfigureAwait(false);
            Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return Failure is { } failure ? throw failure : Next;
    }
}
