using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using SecureCloudinary.Internal;

namespace SecureCloudinary;

/// <summary>
/// A Cloudinary cloud name with the API key and secret that authenticate against it.
/// Immutable. <see cref="ToString"/> and the debugger show the cloud name and <see cref="Fingerprint"/>,
/// never the key or secret.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class CloudinaryCredentials : IEquatable<CloudinaryCredentials>
{
    /// <summary>Creates credentials from their three parts.</summary>
    /// <param name="cloudName">The product environment's cloud name (case is kept).</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="apiSecret">The API secret.</param>
    /// <exception cref="ArgumentException">
    /// A part is null, empty or white space, or the cloud name has a character other than ASCII letters, digits,
    /// <c>-</c> and <c>_</c>.
    /// </exception>
    public CloudinaryCredentials(string cloudName, string apiKey, string apiSecret)
        : this(cloudName, apiKey, apiSecret, settings: null)
    {
    }

    /// <summary>Creates credentials with the non-secret settings a CLOUDINARY_URL can carry.</summary>
    /// <param name="cloudName">The product environment's cloud name (case is kept).</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="apiSecret">The API secret.</param>
    /// <param name="settings">Optional settings such as the upload prefix or signature algorithm.</param>
    /// <exception cref="ArgumentException">
    /// A part is null, empty or white space, or the cloud name has a character other than ASCII letters, digits,
    /// <c>-</c> and <c>_</c> (it goes into URLs and host names as it is).
    /// </exception>
    public CloudinaryCredentials(string cloudName, string apiKey, string apiSecret, CloudinaryUrlSettings? settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cloudName);
        if (!CloudinaryUrlParser.IsValidCloudName(cloudName))
        {
            throw new ArgumentException("The cloud name may contain only ASCII letters, digits, '-' and '_'.", nameof(cloudName));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiSecret);
        CloudName = cloudName;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        Settings = settings ?? CloudinaryUrlSettings.Empty;
        Fingerprint = ComputeFingerprint(apiKey);
    }

    /// <summary>The cloud name, as written.</summary>
    public string CloudName { get; }

    /// <summary>The API key. Not secret on its own, but prefer <see cref="Fingerprint"/> or <see cref="ApiKeyHint"/> in output.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string ApiKey { get; }

    /// <summary>The API secret. Never log or display it.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string ApiSecret { get; }

    /// <summary>Non-secret settings that came with the credentials (e.g. from the CLOUDINARY_URL query string).</summary>
    public CloudinaryUrlSettings Settings { get; }

    /// <summary>
    /// The first 8 lower-case hex characters of SHA-256 over the UTF-8 API key: safe to log, and it
    /// changes when the key is rotated.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The last 4 characters of the API key (fewer when the key is shorter), for support conversations.</summary>
    public string ApiKeyHint => ApiKey.Length <= 4 ? ApiKey : ApiKey[^4..];

    /// <summary>Parses a <c>cloudinary://api_key:api_secret@cloud_name</c> URL.</summary>
    /// <param name="cloudinaryUrl">
    /// The URL. A leading <c>CLOUDINARY_URL=</c>, surrounding quotes and white space are tolerated;
    /// key and secret are percent-decoded; recognised query keys fill <see cref="Settings"/>.
    /// </param>
    /// <returns>The parsed credentials.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cloudinaryUrl"/> is null.</exception>
    /// <exception cref="FormatException">
    /// The URL is malformed. The message says what is wrong and never contains the input.
    /// </exception>
    public static CloudinaryCredentials Parse(string cloudinaryUrl)
    {
        ArgumentNullException.ThrowIfNull(cloudinaryUrl);
        return CloudinaryUrlParser.Parse(cloudinaryUrl, out var error) ?? throw new FormatException(error);
    }

    /// <summary>Tries to parse a <c>cloudinary://</c> URL; see <see cref="Parse(string)"/> for the rules.</summary>
    /// <param name="cloudinaryUrl">The URL, or null.</param>
    /// <param name="credentials">The credentials when parsing succeeded; otherwise null.</param>
    /// <returns>Whether the URL was valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? cloudinaryUrl, [NotNullWhen(true)] out CloudinaryCredentials? credentials)
    {
        credentials = cloudinaryUrl is null ? null : CloudinaryUrlParser.Parse(cloudinaryUrl, out _);
        return credentials is not null;
    }

    /// <summary>
    /// Formats the credentials as a <c>cloudinary://</c> URL (key and secret percent-encoded, settings in the
    /// query string). The result contains the secret: treat it as one.
    /// </summary>
    /// <returns>A URL that <see cref="Parse(string)"/> reads back to equal credentials.</returns>
    public string ToCloudinaryUrl() => CloudinaryUrlParser.Format(this);

    /// <summary>Returns the cloud name and key fingerprint; never the key or secret.</summary>
    /// <returns>A string safe to log.</returns>
    public override string ToString() => $"CloudinaryCredentials {{ CloudName = {CloudName}, Fingerprint = {Fingerprint} }}";

    /// <inheritdoc />
    public bool Equals(CloudinaryCredentials? other) =>
        other is not null
        && string.Equals(CloudName, other.CloudName, StringComparison.Ordinal)
        && string.Equals(ApiKey, other.ApiKey, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(
            MemoryMarshalBytes(ApiSecret), MemoryMarshalBytes(other.ApiSecret))
        && Settings.Equals(other.Settings);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CloudinaryCredentials);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        StringComparer.Ordinal.GetHashCode(CloudName), StringComparer.Ordinal.GetHashCode(ApiKey));

    private static ReadOnlySpan<byte> MemoryMarshalBytes(string value) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.AsSpan());

    private static string ComputeFingerprint(string apiKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiKey), hash);
        return Convert.ToHexStringLower(hash[..4]);
    }
}
