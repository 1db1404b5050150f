using System.Security.Cryptography;

namespace SecureCloudinary.Internal;

/// <summary>
/// The digest of a string to sign, through one <see cref="IncrementalHash"/> per thread and algorithm that is reset and
/// reused. <c>SHA1.HashData</c> sets up and tears down a native digest context on every call, which costs about as much
/// as hashing a typical string to sign; a reused context skips that. Each call takes the thread's instance out of its
/// slot while feeding it, so a failure in the middle can never leave data in a context a later call would reuse (the
/// instance is disposed instead). <see cref="IncrementalHash.GetHashAndReset(Span{byte})"/> finishes the digest and
/// reinitializes the context, and the native finish wipes its input block, so no part of the secret stays behind.
/// </summary>
internal static class SignatureHash
{
    [ThreadStatic]
    private static IncrementalHash? _sha1;

    [ThreadStatic]
    private static IncrementalHash? _sha256;

    /// <summary>Writes HASH(<paramref name="data"/>) into <paramref name="destination"/> (at least 32 bytes) and returns its length.</summary>
    public static int Compute(ReadOnlySpan<byte> data, Span<byte> destination, SignatureAlgorithm algorithm)
    {
        IncrementalHash hash;
        if (algorithm == SignatureAlgorithm.Sha256)
        {
            hash = _sha256 ?? IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _sha256 = null;
        }
        else
        {
            hash = _sha1 ?? CreateSha1();
            _sha1 = null;
        }

        int written;
        try
        {
            hash.AppendData(data);
            written = hash.GetHashAndReset(destination);
        }
        catch
        {
            hash.Dispose();
            throw;
        }

        if (algorithm == SignatureAlgorithm.Sha256)
        {
            _sha256 = hash;
        }
        else
        {
            _sha1 = hash;
        }

        return written;
    }

#pragma warning disable CA5350 // Cloudinary's protocol defines SHA-1 signatures; SHA-256 is available where the account allows it.
    private static IncrementalHash CreateSha1() => IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
}
