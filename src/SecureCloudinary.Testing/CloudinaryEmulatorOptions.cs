namespace SecureCloudinary.Testing;

/// <summary>Settings for <see cref="CloudinaryEmulator.StartAsync"/>.</summary>
public sealed class CloudinaryEmulatorOptions
{
    /// <summary>The cloud name the emulator answers to. Requests for any other cloud get 401. Default <c>emulated</c>.</summary>
    public string CloudName { get; set; } = "emulated";

    /// <summary>
    /// The clock used for stale-timestamp checks, asset versions and <c>created_at</c>.
    /// Use a <c>FakeTimeProvider</c> to test expiry without waiting. Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The API key of the key created at start (<see cref="CloudinaryEmulator.Credentials"/>), or
    /// <see langword="null"/> to generate a random 15-digit key.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The API secret of the key created at start, or <see langword="null"/> to generate a random
    /// 27-character secret. Only used together with <see cref="ApiKey"/>.
    /// </summary>
    public string? ApiSecret { get; set; }

    /// <summary>How long a signed request's <c>timestamp</c> stays valid. Default one hour, as in Cloudinary.</summary>
    public TimeSpan SignatureValidity { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The smallest accepted size of a non-final chunk in a chunked upload, in bytes. Cloudinary requires
    /// 5 MB; the default 0 accepts any size so tests can use small chunks.
    /// </summary>
    public long MinimumChunkSize { get; set; }

    /// <summary>The largest accepted request body, in bytes. Default 256 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Whether the emulator also acts as the delivery CDN: it keeps the bytes of small uploads (see
    /// <see cref="MaxServedAssetBytes"/>) and serves them on <c>GET /{cloud}/{resource_type}/{type}/…</c>, checking a
    /// <c>s--signature--</c> segment when present. <see cref="CloudinaryEmulator.Credentials"/> then carry
    /// <c>secure_distribution=127.0.0.1:port</c> and <c>secure=false</c>, so delivery URLs built from them are
    /// <c>http://127.0.0.1:port/{cloud}/…</c> and load from this emulator (e.g. in a browser test). Transformations in
    /// the URL are accepted but not applied: the original bytes are served. Default <see langword="false"/>.
    /// </summary>
    public bool ServeDeliveredAssets { get; set; }

    /// <summary>
    /// With <see cref="ServeDeliveredAssets"/>, the largest upload whose bytes are kept for delivery (bigger assets,
    /// chunked uploads and remote URLs are stored as usual but answer 404 on delivery). Default 10 MiB.
    /// </summary>
    public long MaxServedAssetBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// With <see cref="ServeDeliveredAssets"/>, whether unsigned delivery URLs are refused (401), as on an account
    /// with strict delivery. Signed URLs are always verified; <c>authenticated</c> and <c>private</c> delivery types
    /// always need a signature. Default <see langword="false"/>.
    /// </summary>
    public bool RequireSignedDeliveryUrls { get; set; }

    internal void Validate(string paramName)
    {
        if (MaxServedAssetBytes < 0)
        {
            throw new ArgumentException("MaxServedAssetBytes must not be negative.", paramName);
        }

        if (string.IsNullOrWhiteSpace(CloudName) || !CloudName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("CloudName must be non-empty and contain only letters, digits, '-' and '_'.", paramName);
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider must not be null.", paramName);
        }

        if (SignatureValidity <= TimeSpan.Zero || MaxRequestBodySize <= 0 || MinimumChunkSize < 0)
        {
            throw new ArgumentException(
                "SignatureValidity and MaxRequestBodySize must be positive and MinimumChunkSize not negative.", paramName);
        }

        if ((ApiKey is not null && string.IsNullOrWhiteSpace(ApiKey))
            || (ApiSecret is not null && string.IsNullOrWhiteSpace(ApiSecret)))
        {
            throw new ArgumentException("ApiKey and ApiSecret must be null (generate) or non-blank.", paramName);
        }
    }
}
