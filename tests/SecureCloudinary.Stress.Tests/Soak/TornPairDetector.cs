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
    private long _checked;
    private long _torn;

    public TornPairDetector(ConcurrentDictionary<string, string> published)
    {
        _published = published;
    }

    /// <summary>The provider DI built (set when the container first resolves the detector).</summary>
    public ICloudinaryCredentialProvider Inner { get; set; } = null!;

    public long Checked => Interlocked.Read(ref _checked);

    public long Torn => Interlocked.Read(ref _torn);

    public string SourceName => Inner.SourceName;

    public async ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        Check(await Inner.GetSnapshotAsync(cancellationToken).ConfigureAwait(false));

    public async ValueTask<CredentialSnapshot> ForceRefreshAsync(CredentialSnapshot rejected, CancellationToken cancellationToken = default) =>
        Check(await Inner.ForceRefreshAsync(rejected, cancellationToken).ConfigureAwait(false));

    public IChangeToken GetChangeToken() => Inner.GetChangeToken();

    public void Dispose() => (Inner as IDisposable)?.Dispose();

    private CredentialSnapshot Check(CredentialSnapshot snapshot)
    {
        Interlocked.Increment(ref _checked);
        var credentials = snapshot.Credentials;
        if (!_published.TryGetValue(credentials.ApiKey, out var secret) || !string.Equals(secret, credentials.ApiSecret, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _torn);
        }

        return snapshot;
    }
}
