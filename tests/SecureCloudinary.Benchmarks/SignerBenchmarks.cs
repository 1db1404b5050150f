using BenchmarkDotNet.Attributes;

namespace SecureCloudinary.Benchmarks;

/// <summary>Signing a typical 6-parameter upload, as an array and as a dictionary.</summary>
[MemoryDiagnoser]
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

    [GlobalSetup]
    public void Setup() => _dictionary = _array.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Benchmark(Baseline = true)]
    public string SignSixParametersArray() => CloudinarySigner.SignParameters(_array, Secret);

    [Benchmark]
    public string SignSixParametersDictionary() => CloudinarySigner.SignParameters(_dictionary, Secret);

    [Benchmark]
    public string SignSixParametersSha256() => CloudinarySigner.SignParameters(_array, Secret, SignatureAlgorithm.Sha256);
}
