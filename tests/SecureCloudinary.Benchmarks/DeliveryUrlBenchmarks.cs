using BenchmarkDotNet.Attributes;

namespace SecureCloudinary.Benchmarks;

/// <summary>Building delivery URLs: unsigned, signed (8 chars, SHA-1) and long-signed (32 chars, SHA-256).</summary>
[MemoryDiagnoser]
public class DeliveryUrlBenchmarks
{
    private readonly CloudinaryCredentials _credentials = new("demo", "123456789012345", "A1b2C3d4E5f6G7h8I9j0K1l2M3n");

    private readonly DeliveryUrlOptions _unsigned = new()
    {
        Transformation = "c_fill,w_300,h_200/e_sepia",
        Format = "jpg",
    };

    private DeliveryUrlOptions _signed = null!;

    private DeliveryUrlOptions _longSigned = null!;

    [GlobalSetup]
    public void Setup()
    {
        _signed = _unsigned with { DeliveryType = "authenticated", Signed = true };
        _longSigned = _signed with { LongSignature = true, Version = 1312535464 };
    }

    [Benchmark(Baseline = true)]
    public string BuildUnsigned() => CloudinaryUrls.BuildDeliveryUrl(_credentials, "products/shoe 42", _unsigned);

    [Benchmark]
    public string BuildSigned() => CloudinaryUrls.BuildDeliveryUrl(_credentials, "products/shoe 42", _signed);

    [Benchmark]
    public string BuildLongSigned() => CloudinaryUrls.BuildDeliveryUrl(_credentials, "products/shoe 42", _longSigned);
}
