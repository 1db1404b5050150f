using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SecureCloudinary.Internal;

/// <summary>
/// Holds the credentials of one configured client. The first successful load is cached; reading it takes no
/// lock and does not allocate. Loads are single-flight: concurrent callers share one call to the source, and
/// a caller's cancellation only stops its own wait. A failed load is not cached, so the next call retries.
/// </summary>
internal sealed class CloudinaryCredentialProvider : ICloudinaryCredentialProvider, IDisposable
{
    private readonly ICloudinaryCredentialSource _source;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private CredentialSnapshot? _current;
    private Task<CredentialSnapshot>? _loading;

    public CloudinaryCredentialProvider(ICloudinaryCredentialSource source, ILogger<CloudinaryCredentialProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public string SourceName => _source.Name;

    /// <summary>The cached snapshot, or null before the first successful load.</summary>
    internal CredentialSnapshot? Current => Volatile.Read(ref _current);

    public ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        return current is not null ? new ValueTask<CredentialSnapshot>(current) : LoadAsync(cancellationToken);
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async ValueTask<CredentialSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<CredentialSnapshot>? owner = null;
        Task<CredentialSnapshot> loading;
        lock (_gate)
        {
            if (_current is { } current)
            {
                return current;
            }

            if (_loading is null)
            {
                owner = new TaskCompletionSource<CredentialSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                _loading = owner.Task;
            }

            loading = _loading;
        }

        if (owner is not null)
        {
            // Started outside the lock and without the caller's token: it completes for everyone.
            _ = RunLoadAsync(owner);
        }

        return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunLoadAsync(TaskCompletionSource<CredentialSnapshot> owner)
    {
        try
        {
            var snapshot = await _source.GetCredentialsAsync(_disposed.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The credential source returned no snapshot.");
            lock (_gate)
            {
                Volatile.Write(ref _current, snapshot);
                _loading = null;
            }

            var c = snapshot.Credentials;
            _logger.CredentialsLoaded(_source.Name, c.CloudName, c.Fingerprint, snapshot.Version ?? "(none)");
            owner.SetResult(snapshot);
        }
        catch (OperationCanceledException e) when (_disposed.IsCancellationRequested)
        {
            Reset();
            owner.SetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            Reset();
            var error = e as CloudinaryCredentialException ?? new CloudinaryCredentialException(
                _source.Name,
                CredentialFailureReason.Unavailable,
                $"Credential source '{_source.Name}' failed with {e.GetType().Name}.",
                isTransient: true,
                innerException: e);
            _logger.CredentialsUnavailable(_source.Name, error.Reason, error.IsTransient, error);
            owner.SetException(error);
        }
    }

    private void Reset()
    {
        lock (_gate)
        {
            _loading = null;
        }
    }
}
