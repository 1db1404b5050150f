using System.Buffers;
using System.Runtime.InteropServices;
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
    /// <c>api_key</c> and <c>signature</c>. Names must not be null or empty, nor contain <c>&amp;</c>, <c>=</c>, white
    /// space or control characters (such a name could stand for other, real fields in the string to sign). Should a
    /// name repeat, its entries are ordered by value, so the result never depends on the order the parameters come in.
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

        switch (parameters)
        {
            case KeyValuePair<string, string?>[] array:
                return Sign(array, apiSecret, algorithm, signatureVersion);
            case List<KeyValuePair<string, string?>> list:
                return Sign(CollectionsMarshal.AsSpan(list), apiSecret, algorithm, signatureVersion);
            case Dictionary<string, string?> { Count: <= StackParameterBuffer.Length } dictionary:
                return SignSmall(dictionary, apiSecret, algorithm, signatureVersion);
        }

        var rented = ParameterCollector.Collect(parameters, out var count);
        try
        {
            return Sign(rented.AsSpan(0, count), apiSecret, algorithm, signatureVersion);
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string?>>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>
    /// A small dictionary, copied through its struct enumerator into a stack buffer. Every entry is kept, so its name is
    /// checked as for an array; <see cref="Sign"/> skips the empty values.
    /// </summary>
    private static string SignSmall(Dictionary<string, string?> dictionary, string apiSecret, SignatureAlgorithm algorithm, int version)
    {
        var buffer = default(StackParameterBuffer);
        Span<KeyValuePair<string, string?>> items = buffer;
        var count = 0;
        foreach (var pair in dictionary)
        {
            items[count++] = pair;
        }

        return Sign(items[..count], apiSecret, algorithm, version);
    }

    /// <summary>
    /// Validates the names, orders the non-empty parameters (insertion sort of indices: the inputs are small) and
    /// hashes <c>k=v&amp;…</c> plus the secret, written straight as UTF-8 into one stack buffer (pooled when large)
    /// that is cleared afterwards. Allocates only the result.
    /// </summary>
    private static string Sign(ReadOnlySpan<KeyValuePair<string, string?>> parameters, string apiSecret, SignatureAlgorithm algorithm, int version)
    {
        int[]? rentedOrder = null;
        var order = parameters.Length <= 64 ? stackalloc int[parameters.Length] : (rentedOrder = ArrayPool<int>.Shared.Rent(parameters.Length));
        var kept = 0;
        var maxBytes = apiSecret.Length * 3;
        for (var i = 0; i < parameters.Length; i++)
        {
            var (key, value) = parameters[i];
            if (!ParameterNames.IsValid(key))
            {
                throw new ArgumentException($"A parameter name is not valid: {ParameterNames.Rule}.", nameof(parameters));
            }

            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            maxBytes += ((key.Length + value.Length) * 3) + 2; // UTF-8 needs at most 3 bytes a char; '&' -> "%26" is 3 too

            // Insertion into the ordered prefix: by name (ordinal), then by value.
            var j = kept++;
            while (j > 0 && Compare(parameters[order[j - 1]], key, value) > 0)
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = i;
        }

        byte[]? rentedBytes = null;
        var bytes = maxBytes <= StackLimit * 2 ? stackalloc byte[maxBytes] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
        var n = 0;
        for (var k = 0; k < kept; k++)
        {
            if (k > 0)
            {
                bytes[n++] = (byte)'&';
            }

            var (key, value) = parameters[order[k]];
            n += WriteUtf8(key, bytes[n..]);
            bytes[n++] = (byte)'=';
            var rest = value.AsSpan();
            if (version >= 2)
            {
                int amp;
                while ((amp = rest.IndexOf('&')) >= 0)
                {
                    n += WriteUtf8(rest[..amp], bytes[n..]);
                    "%26"u8.CopyTo(bytes[n..]);
                    n += 3;
                    rest = rest[(amp + 1)..];
                }
            }

            n += WriteUtf8(rest, bytes[n..]);
        }

        n += WriteUtf8(apiSecret, bytes[n..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var hashLength = SignatureHash.Compute(bytes[..n], hash, algorithm);
        CryptographicOperations.ZeroMemory(bytes[..n]);
        if (rentedBytes is not null)
        {
            ArrayPool<byte>.Shared.Return(rentedBytes);
        }

        if (rentedOrder is not null)
        {
            ArrayPool<int>.Shared.Return(rentedOrder);
        }

        return Convert.ToHexStringLower(hash[..hashLength]);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8: the vectorized ASCII conversion first, the general encoder when it meets a non-ASCII char.</summary>
    private static int WriteUtf8(ReadOnlySpan<char> text, Span<byte> destination) =>
        Ascii.FromUtf16(text, destination, out var written) == OperationStatus.Done
            ? written
            : Encoding.UTF8.GetBytes(text, destination);

    /// <summary>Orders by name (ordinal), then by value. Names are validated, so not empty: their first chars decide most pairs.</summary>
    private static int Compare(KeyValuePair<string, string?> x, string key, string? value)
    {
        var byFirst = x.Key[0] - key[0];
        if (byFirst != 0)
        {
            return byFirst;
        }

        var byKey = string.CompareOrdinal(x.Key, key);
        return byKey != 0 ? byKey : string.CompareOrdinal(x.Value, value);
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
        var hashLength = SignatureHash.Compute(bytes[..n], hash, algorithm);
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
}
