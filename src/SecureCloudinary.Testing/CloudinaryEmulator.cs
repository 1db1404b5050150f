using System.Net;
using SecureCloudinary.Testing.Internal;

namespace SecureCloudinary.Testing;

/// <summary>
/// A loopback Cloudinary emulator for integration tests: Upload API (plain and chunked uploads, destroy) with
/// real signature verification, the Admin API's <c>ping</c> and <c>usage</c> with HTTP Basic auth, CORS answers like
/// Cloudinary's (so a browser page can upload directly), and optionally delivery of uploaded assets
/// (<see cref="CloudinaryEmulatorOptions.ServeDeliveredAssets"/>).
/// Listens on <c>http://127.0.0.1:&lt;random port&gt;</c>; start as many as you like in parallel.
/// Response bodies, <see cref="Requests"/> and <see cref="ToString"/> never contain an API secret.
/// </summary>
public sealed partial class CloudinaryEmulator : IAsyncDisposable
{
    private readonly EmulatorState _state;
    private readonly LoopbackServer _server;

    private CloudinaryEmulator(EmulatorState state, LoopbackServer server, Uri baseAddress, CloudinaryCredentials credentials)
    {
        _state = state;
        _server = server;
        BaseAddress = baseAddress;
        Credentials = credentials;
    }

    /// <summary>The emulator's address, <c>http://127.0.0.1:port/</c>; also the credentials' upload prefix.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The cloud name the emulator answers to.</summary>
    public string CloudName => _state.CloudName;

    /// <summary>
    /// The API key created at start. <c>Settings.UploadPrefix</c> is <see cref="BaseAddress"/>, so
    /// <c>Credentials.ToCloudinaryUrl()</c> is a CLOUDINARY_URL that points at this emulator.
    /// </summary>
    public CloudinaryCredentials Credentials { get; }

    /// <summary>A snapshot of the stored assets, oldest first.</summary>
    public IReadOnlyList<EmulatedAsset> Assets => _state.Assets.Snapshot();

    /// <summary>A snapshot of every request received so far, in completion order.</summary>
    public IReadOnlyList<EmulatedRequest> Requests => _state.Requests.Snapshot();

    /// <summary>Starts an emulator on 127.0.0.1 with a free port.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator. Dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static async Task<CloudinaryEmulator> StartAsync(
        CloudinaryEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CloudinaryEmulatorOptions();
        options.Validate(nameof(options));
        var state = new EmulatorState(options.CloudName, options.TimeProvider, options.SignatureValidity,
            options.MinimumChunkSize, options.MaxRequestBodySize)
        {
            ServeDelivery = options.ServeDeliveredAssets,
            KeepContentUpTo = options.ServeDeliveredAssets ? options.MaxServedAssetBytes : 0,
            RequireSignedDeliveryUrls = options.RequireSignedDeliveryUrls,
        };
        var started = options.TimeProvider.GetUtcNow();
        var initialKey = state.Keys.Add(new ApiKeyEntry(options.ApiKey ?? ApiKeyStore.GenerateApiKey(), options.ApiSecret ?? ApiKeyStore.GenerateSecret())
        {
            Name = "default",
            CreatedAt = started,
            UpdatedAt = started,
        });

        LoopbackServer? server = null;
        try
        {
            server = await LoopbackServer.StartAsync(
                new EmulatorRequestHandler(state).HandleAsync, options.MaxRequestBodySize, cancellationToken: cancellationToken).ConfigureAwait(false);
            var baseAddress = server.Address;
            var settings = new CloudinaryUrlSettings { UploadPrefix = baseAddress };
            if (options.ServeDeliveredAssets)
            {
                // Delivery URLs built from these credentials are http://127.0.0.1:port/{cloud}/... (loopback only).
                settings = settings with { SecureDistribution = baseAddress.Authority, Secure = false };
            }

            var credentials = new CloudinaryCredentials(state.CloudName, initialKey.ApiKey, initialKey.ApiSecret, settings);
            return new CloudinaryEmulator(state, server, baseAddress, credentials);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            state.Dispose();
            throw;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> requests (any endpoint) fail with <paramref name="statusCode"/>.</summary>
    /// <param name="count">How many requests fail; 0 cancels pending faults.</param>
    /// <param name="statusCode">The status code, e.g. 500, 503 or 429. The body is a Cloudinary-shaped error.</param>
    public void FailNextRequests(int count, HttpStatusCode statusCode) => _state.Faults.FailNext(count, statusCode);

    /// <summary>
    /// Makes the next <paramref name="count"/> requests (any endpoint) answer as Cloudinary does when a rate limit is
    /// reached: <paramref name="statusCode"/> (420 or 429) with <c>Retry-After</c> and <c>X-FeatureRateLimit-*</c> headers
    /// (remaining 0).
    /// </summary>
    /// <param name="count">How many requests are refused; 0 cancels pending faults.</param>
    /// <param name="statusCode">420 (Cloudinary's older code) or 429.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> to send, in whole seconds; default 30 s.</param>
    /// <exception cref="ArgumentOutOfRangeException">The status is not 420 or 429, or the wait is negative.</exception>
    public void RateLimitNextRequests(int count, HttpStatusCode statusCode = HttpStatusCode.TooManyRequests, TimeSpan? retryAfter = null)
    {
        if ((int)statusCode is not (420 or 429))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Cloudinary rate-limits with 420 or 429.");
        }

        var wait = retryAfter ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(retryAfter));
        _state.Faults.FailNext(count, statusCode, wait);
    }

    /// <summary>Finds a stored asset.</summary>
    /// <param name="publicId">The public id, including any folder.</param>
    /// <param name="resourceType">The resource type (<c>image</c>, <c>video</c> or <c>raw</c>).</param>
    /// <param name="type">The delivery type.</param>
    /// <returns>The asset, or <see langword="null"/>.</returns>
    public EmulatedAsset? FindAsset(string publicId, string resourceType = "image", string type = "upload") =>
        _state.Assets.Find(resourceType, type, publicId);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.StopAsync(beforeStop: null, _state);

    /// <summary>Describes the emulator without any secret.</summary>
    /// <returns>Cloud name, address and key count.</returns>
    public override string ToString() =>
        $"CloudinaryEmulator {{ CloudName = {CloudName}, BaseAddress = {BaseAddress}, ApiKeys = {_state.Keys.Count} }}";
}
