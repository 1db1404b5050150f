namespace SecureCloudinary.Tests.Model;

/// <summary>
/// Issue 13 item 12: the allocation claims of docs/performance.md as tests. A warmed call is measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>; it may allocate exactly its result string and nothing else.
/// </summary>
public sealed class AllocationTests
{
    private const string Secret = "A1b2C3d4E5f6G7h8I9j0K1l2M3n";

    private static readonly KeyValuePair<string, string?>[] SixParameters =
    [
        new("timestamp", "1700000000"),
        new("public_id", "folder/my image"),
        new("tags", "summer,sale"),
        new("overwrite", "1"),
        new("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop"),
        new("notification_url", "https://hooks.example.org/cloudinary?a=1&b=2"),
    ];

    private static readonly CloudinaryCredentials Credentials = new("demo", "123456789012345", Secret);

    public static TheoryData<string> Inputs() => ["array", "list", "dictionary"];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void SignParameters_Warm_AllocatesOnlyTheResultString(string input)
    {
        IEnumerable<KeyValuePair<string, string?>> parameters = input switch
        {
            "array" => SixParameters,
            "list" => SixParameters.ToList(),
            _ => SixParameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };

        foreach (var algorithm in new[] { SignatureAlgorithm.Sha1, SignatureAlgorithm.Sha256 })
        {
            var (allocated, result) = Measure(() => CloudinarySigner.SignParameters(parameters, Secret, algorithm));
            Assert.Equal(StringSize(result.Length), allocated);
        }
    }

    public static TheoryData<string> UrlCases() => ["unsigned", "signed", "long-signed", "private-cdn"];

    [Theory]
    [MemberData(nameof(UrlCases))]
    public void BuildDeliveryUrl_Warm_AllocatesOnlyTheUrl(string kind)
    {
        var options = new DeliveryUrlOptions { Transformation = "c_fill,w_300,h_200/e_sepia", Format = "jpg" };
        var credentials = Credentials;
        options = kind switch
        {
            "signed" => options with { DeliveryType = "authenticated", Signed = true },
            "long-signed" => options with { DeliveryType = "authenticated", Signed = true, LongSignature = true, Version = 1312535464 },
            "private-cdn" => options with { Signed = true },
            _ => options,
        };
        if (kind == "private-cdn")
        {
            credentials = new CloudinaryCredentials("demo", "123456789012345", Secret,
                new CloudinaryUrlSettings { PrivateCdn = true, SecureDistribution = "media.example.com" });
        }

        var (allocated, url) = Measure(() => CloudinaryUrls.BuildDeliveryUrl(credentials, "products/shoe 42", options));

        Assert.Equal(StringSize(url.Length), allocated);
    }

    /// <summary>The size of a string of <paramref name="length"/> chars on the heap (64-bit: 20-byte header + chars + terminator, 8-aligned).</summary>
    private static long StringSize(int length)
    {
        Assert.Equal(8, IntPtr.Size);
        return (20 + (2L * (length + 1)) + 7) & ~7L;
    }

    private static (long Allocated, string Result) Measure(Func<string> call)
    {
        for (var i = 0; i < 50; i++)
        {
            call();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = call();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (allocated, result);
    }
}
