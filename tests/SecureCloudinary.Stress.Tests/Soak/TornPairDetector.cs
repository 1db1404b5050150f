using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;

namespace SecureCloudinary.Stress.Tests.Soak;

/// <summary>
/// Wraps the DI-built credential provider and checks every snapshot it hands the client: the secret must be the
/// one published with that key. A snapshot mixing two versions is counted as a torn pair.
/// </summary>
internal sealed class TornPairDetector : ICloudinaryCredentialProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, string> _published;
    private readonly Func<string, bool> _isDisabled;
    private readonly Func<bool> _lastReadFaulted;
    private long _checked;
    private long _torn;

    /// <param name="published">Every key published, with its secret.</param>
    /// <param name="isDisabled">Whether Cloudinary has disabled a key (now).</param>
    /// <param name="lastReadFaulted">Whether the store's latest read of the credentials met a fault.</param>
    public TornPairDetector(ConcurrentDictionary<string, string> published, Func<string, bool> isDisabled, Func<bool> lastReadFaulted)
    {
        _published = published;
        _isDisabled = isDisabled;
        _lastReadFaulted = lastReadFaulted;
    }

    /// <summary>The provider DI built (set when the container first resolves the detector).</summary>
    public ICloudinaryCredentialProvider Inner { get; set; } = null!;

    public long Checked => Interlocked.Read(ref _checked);

    public long Torn => Interlocked.Read(ref _torn);

    public string SourceName => Inner.SourceName;

    public async ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        Check(await Inner.GetSnapshotAsync(cancellationToken).ConfigureAwait(false));

    public async ValueTask<CredentialSnapshot> ForceRefreshAsync(CredentialSnapshot rejected, CancellationToken cancellationToken = default)
    {
        var snapshot = await Inner.ForceRefreshAsync(rejected, cancellationToken).ConfigureAwait(false);
        if (CallTrace.Current is { } call)
        {
            call.ForcedRefreshes++;
            call.ForcedRefreshAfterFaultedRead = _lastReadFaulted();
            call.ForcedRefreshReturnedDisabledKey = _isDisabled(snapshot.Credentials.ApiKey);
        }

        return Check(snapshot);
    }

    public IChangeToken GetChangeToken() => Inner.GetChangeToken();

    public void Dispose() => (Inner as IDisposable)?.Dispose();

    private CredentialSnapshot Check(CredentialSnapshot snapshot)
    {
        Interlocked.Increment(ref _checked);
        var credentials = snapshot.Credentials;
        if (CallTrace.Current is { } call)
        {
            call.LastKey = credentials.ApiKey;
        }

        if (!_published.TryGetValue(credentials.ApiKey, out var secret) || !string.Equals(secret, credentials.ApiSecret, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _torn);
        }

        return snapshot;
    }
}
