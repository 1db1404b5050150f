namespace SecureCloudinary;

/// <summary>
/// Holds an application's own client object (for example another Cloudinary SDK's client) built from the current
/// credentials, and builds a new one the first time it is asked after the credentials changed. Register it with
/// <c>services.AddSecureCloudinaryClient&lt;TClient&gt;(credentials =&gt; …)</c> and inject it.
/// </summary>
/// <typeparam name="TClient">The application's client type.</typeparam>
/// <remarks>
/// Ask for the client per operation rather than keeping it: a kept client goes on using rotated-out credentials.
/// Replaced clients are not disposed (calls may still be using them); the last one is disposed with this object.
/// </remarks>
public sealed class RotatingCloudinaryClient<TClient> : IDisposable
    where TClient : class
{
    private readonly ICloudinaryCredentialProvider _provider;
    private readonly Func<CloudinaryCredentials, TClient> _factory;
    private readonly Lock _gate = new();
    private Built? _built;

    /// <summary>Creates the holder.</summary>
    /// <param name="provider">Supplies the current credentials.</param>
    /// <param name="factory">Builds a client from credentials; called once per credential version.</param>
    public RotatingCloudinaryClient(ICloudinaryCredentialProvider provider, Func<CloudinaryCredentials, TClient> factory)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(factory);
        _provider = provider;
        _factory = factory;
    }

    /// <summary>
    /// Returns the client built from the current credentials, building it first when none was built yet or the
    /// credentials changed since. Completes synchronously and without allocating when nothing changed.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for credentials.</param>
    /// <returns>The client for the current credentials.</returns>
    /// <exception cref="CloudinaryCredentialException">No credentials could be loaded.</exception>
    public async ValueTask<TClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _provider.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var built = Volatile.Read(ref _built);
        if (built is not null && ReferenceEquals(built.Snapshot, snapshot))
        {
            return built.Client;
        }

        lock (_gate)
        {
            built = _built;
            if (built is null || !built.Snapshot.Credentials.Equals(snapshot.Credentials))
            {
                built = new Built(snapshot, _factory(snapshot.Credentials));
            }
            else
            {
                built = new Built(snapshot, built.Client); // Same credentials in a new snapshot object.
            }

            Volatile.Write(ref _built, built);
            return built.Client;
        }
    }

    /// <summary>Disposes the current client when it is disposable.</summary>
    public void Dispose()
    {
        Built? built;
        lock (_gate)
        {
            built = _built;
            _built = null;
        }

        (built?.Client as IDisposable)?.Dispose();
    }

    private sealed record Built(CredentialSnapshot Snapshot, TClient Client);
}
