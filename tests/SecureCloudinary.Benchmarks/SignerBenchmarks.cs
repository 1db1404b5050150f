using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace SecureCloudinary.Benchmarks;

/// <summary>
/// Signing a typical 6-parameter upload, as an array and as a dictionary, against the baseline of SHA-1 alone over
/// the same string to sign (already UTF-8 encoded, secret appended) with <c>SHA1.HashData</c>: the ratio column is the
/// signer's total cost relative to that one-shot hash. <see cref="ReusedSha1ContextOfStringToSign"/> hashes the same
/// bytes through a reused <see cref="IncrementalHash"/>, as the signer does, so the table also shows the floor without
/// the per-call setup of a native digest context.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the hash in [GlobalCleanup].")]
public class SignerBenchmarks
{
    private const string Secret = "A1b2C3d4E5f6G7h8I9j0K1l2M3n";

    private readonly KeyValuePair<string, string?>[] _array =
    [
        new("timestamp", "1700000000"),
        new("public_id", "folder/my image"),
        new("tags", "summer,sale"),
        new("overwrite", "1"),
        new("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop"),
        new("notification_url", "https://hooks.example.org/cloudinary?a=1&b=2"),
    ];

    private Dictionary<string, string?> _dictionary = null!;

    private byte[] _stringToSign = null!;

    private IncrementalHash _reused = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dictionary = _array.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var toSign = string.Join('&', _array
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value!.Replace("&", "%26", StringComparison.Ordinal)));
        _stringToSign = Encoding.UTF8.GetBytes(toSign + Secret);
#pragma warning disable CA5350 // Cloudinary's protocol defines SHA-1 signatures.
        var expected = Convert.ToHexStringLower(SHA1.HashData(_stringToSign));
        _reused = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
        if (CloudinarySigner.SignParameters(_array, Secret) != expected)
        {
            throw new InvalidOperationException("The baseline does not hash the signer's string to sign.");
        }
    }

    /// <summary>SHA-1 of the UTF-8 string to sign plus secret, into a stack buffer: the floor of any signer.</summary>
    [Benchmark(Baseline = true)]
    public byte BareSha1OfStringToSign()
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // Cloudinary's protocol defines SHA-1 signatures.
        SHA1.HashData(_stringToSign, hash);
#pragma warning restore CA5350
        return hash[0];
    }

    /// <summary>The same digest through one reused <see cref="IncrementalHash"/> (no native context set up per call).</summary>
    [Benchmark]
    public byte ReusedSha1ContextOfStringToSign()
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        _reused.AppendData(_stringToSign);
        _reused.GetHashAndReset(hash);
        return hash[0];
    }

    [GlobalCleanup]
    public void Cleanup() => _reused.Dispose();

    [Benchmark]
    public string SignSixParametersArray() => CloudinarySigner.SignParameters(_array, Secret);

    [Benchmark]
    public string SignSixParametersDictionary() => CloudinarySigner.SignParameters(_dictionary, Secret);

    [Benchmark]
    public string SignSixParametersSha256() => CloudinarySigner.SignParameters(_array, Secret, SignatureAlgorithm.Sha256);
}
