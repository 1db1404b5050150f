using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using SecureCloudinary.Internal;

namespace SecureCloudinary;

/// <summary>
/// Computes Cloudinary request signatures exactly as the official SDKs do: parameters with a null or empty
/// value are dropped, the rest are sorted by key (ordinal), joined as <c>key=value</c> with <c>&amp;</c>,
/// the API secret is appended, and the UTF-8 bytes are hashed to lower-case hex.
/// </summary>
public static class CloudinarySigner
{
    private const int StackLimit = 1024;

    /// <summary>Signs exactly the parameters it is given.</summary>
    /// <param name="parameters">
    /// The parameters to sign. The caller excludes <c>file</c>, <c>cloud_name</c>, <c>resource_type</c>,
    /// <c>api_key</c> and <c>signature</c>. Names must not be null or empty. Should a name repeat, its entries are
    /// ordered by value, so the result never depends on the order the parameters come in.
    /// </param>
    /// <param name="apiSecret">The API secret.</param>
    /// <param name="algorithm">The digest (SHA-1 by default).</param>
    /// <param name="signatureVersion">
    /// 2 (default) escapes <c>&amp;</c> inside values as <c>%26</c> so a value cannot smuggle in another
    /// parameter; 1 signs values as they are.
    /// </param>
    /// <returns>The signature as lower-case hex (40 characters for SHA-1, 64 for SHA-256).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A parameter name is null or empty, or contains <c>&amp;</c>, <c>=</c>, white space or a control character.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The algorithm or version is not supported.</exception>
    public static string SignParameters(
        IEnumerable<KeyValuePair<string, string?>> parameters,
        string apiSecret,
        SignatureAlgorithm algorithm = SignatureAlgorithm.Sha1,
        int signatureVersion = 2)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(apiSecret);
        if (algorithm is not (SignatureAlgorithm.Sha1 or SignatureAlgorithm.Sha256))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Supported algorithms: Sha1, Sha256.");
        }

        if (signatureVersion is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(signatureVersion), signatureVersion, "Supported signature versions: 1, 2.");
        }

        var rented = ParameterCollector.Collect(parameters, out var count);
        try
        {
            var kept = rented.AsSpan(0, count);
            foreach (var item in kept)
            {
                ParameterNames.Validate(item.Key, "A parameter name is not valid", nameof(parameters));
            }

            kept.Sort(static (x, y) => ParameterCollector.Compare(x, y));
            return Sign(kept, apiSecret, algorithm, signatureVersion);
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string?>>.Shared.Return(rented, clearArray: true);
        }
    }

    private static string Sign(ReadOnlySpan<KeyValuePair<string, string?>> sorted, string apiSecret, SignatureAlgorithm algorithm, int version)
    {
        var length = apiSecret.Length;
        foreach (var (key, value) in sorted)
        {
            length += key.Length + 2 + (value!.Length * (version >= 2 ? 3 : 1));
        }

        char[]? rented = null;
        var chars = length <= StackLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        var written = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                chars[written++] = '&';
            }

            var (key, value) = sorted[i];
            key.AsSpan().CopyTo(chars[written..]);
            written += key.Length;
            chars[written++] = '=';
            foreach (var c in value!)
            {
                if (c == '&' && version >= 2)
                {
                    "%26".AsSpan().CopyTo(chars[written..]);
                    written += 3;
                }
                else
                {
                    chars[written++] = c;
                }
            }
        }

        apiSecret.AsSpan().CopyTo(chars[written..]);
        written += apiSecret.Length;
        var result = HashToHex(chars[..written], algorithm);
        if (rented is not null)
        {
            chars[..written].Clear();
            ArrayPool<char>.Shared.Return(rented);
        }
        else
        {
            chars[..written].Clear();
        }

        return result;
    }

    internal static string HashToHex(ReadOnlySpan<char> text, SignatureAlgorithm algorithm)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        var bytes = byteCount <= StackLimit * 3 ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        var n = Encoding.UTF8.GetBytes(text, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var hashLength = algorithm == SignatureAlgorithm.Sha256
            ? SHA256.HashData(bytes[..n], hash)
#pragma warning disable CA5350 // Cloudinary's protocol defines SHA-1 signatures; SHA-256 is available where the account allows it.
            : SHA1.HashData(bytes[..n], hash);
#pragma warning restore CA5350
        bytes[..n].Clear();
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Convert.ToHexStringLower(hash[..hashLength]);
    }
    /// <summary>
    /// Writes the <c>s--…--</c> payload of a signed delivery URL: URL-safe base64 of HASH(to_sign + secret), cut to the
    /// length of <paramref name="destination"/>, where to_sign is <c>transformation/source</c> (just the source when there is
    /// no transformation).
    /// </summary>
    internal static void WriteUrlSignature(
        ReadOnlySpan<char> transformation,
        ReadOnlySpan<char> source,
        string apiSecret,
        SignatureAlgorithm algorithm,
        Span<char> destination)
    {
        var utf8 = Encoding.UTF8;
        var byteCount = utf8.GetByteCount(transformation) + 1 + utf8.GetByteCount(source) + utf8.GetByteCount(apiSecret);
        byte[]? rented = null;
        var bytes = byteCount <= StackLimit * 2 ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        var n = 0;
        if (!transformation.IsEmpty)
        {
            n += utf8.GetBytes(transformation, bytes);
            bytes[n++] = (byte)'/';
        }

        n += utf8.GetBytes(source, bytes[n..]);
        n += utf8.GetBytes(apiSecret, bytes[n..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var hashLength = Hash(bytes[..n], hash, algorithm);
        bytes[..n].Clear();
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        Span<char> base64 = stackalloc char[44];
        Convert.TryToBase64Chars(hash[..hashLength], base64, out _);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = base64[i] switch { '+' => '-', '/' => '_', var c => c };
        }
    }

    private static int Hash(ReadOnlySpan<byte> data, Span<byte> hash, SignatureAlgorithm algorithm) =>
        algorithm == SignatureAlgorithm.Sha256
            ? SHA256.HashData(data, hash)
#pragma warning disable CA5350 // Cloudinary's protocol defines SHA-1 signatures; SHA-256 is available where the account allows it.
            : SHA1.HashData(data, hash);
#pragma warning restore CA5350
}
