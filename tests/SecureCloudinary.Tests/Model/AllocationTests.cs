using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace SecureCloudinary.Tests.Model;

/// <summary>
/// Issue 13 item 12: the allocation claims of docs/performance.md as tests. A warmed call is measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>; it may allocate exactly its result string and nothing else
/// (a warm read of the cached credentials: nothing at all).
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

    public static TheoryData<string> Stalenesses() => ["default", "infinite"];

    /// <summary>
    /// The read every client call starts with, through the provider <c>AddSecureCloudinary</c> registers, once the
    /// snapshot is cached and neither a refresh nor the staleness limit is due (the clock is a
    /// <see cref="FakeTimeProvider"/> that never moves): returning the cached snapshot must allocate nothing, whether
    /// the caller reads the completed <see cref="ValueTask{T}"/> or awaits it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stalenesses))]
    public async Task GetSnapshotAsync_WarmCache_AllocatesNothing(string staleness)
    {
        var ct = TestContext.Current.CancellationToken;
        var values = new List<KeyValuePair<string, string?>>
        {
            new("Cloudinary:Source", "Configuration"),
            new("Cloudinary:Url", $"cloudinary://123456789012345:{Secret}@demo"),
        };
        if (staleness == "infinite")
        {
            values.Add(new("Cloudinary:MaxStaleness", "Infinite"));
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));
        await using var sp = services.BuildServiceProvider();
        var provider = sp.GetRequiredService<ICloudinaryCredentialProvider>();
        var loaded = await provider.GetSnapshotAsync(ct);

        var (syncBytes, sync) = Measure(() =>
        {
            var read = provider.GetSnapshotAsync(ct);
            Assert.True(read.IsCompletedSuccessfully, "A warm read completes synchronously.");
            return read.Result;
        });
        var (awaitedBytes, awaited) = Measure(() =>
        {
            // What an `await provider.GetSnapshotAsync(ct).ConfigureAwait(false)` runs when the read is complete. Spelled
            // out rather than written as an async method because the C# compiler makes an async method's state machine a
            // class in Debug builds (88 B a call here, the compiler's, not the provider's); in Release it is a struct
            // and awaiting allocates nothing either.
#pragma warning disable CA2012 // Consumed exactly once, by GetResult below.
            var awaiter = provider.GetSnapshotAsync(ct).ConfigureAwait(false).GetAwaiter();
#pragma warning restore CA2012
            Assert.True(awaiter.IsCompleted, "An awaited warm read does not suspend.");
            return awaiter.GetResult().Credentials;
        });

        Assert.Same(loaded, sync);
        Assert.Same(loaded.Credentials, awaited);
        Assert.Equal(0, syncBytes);
        Assert.Equal(0, awaitedBytes);
    }

    /// <summary>The size of a string of <paramref name="length"/> chars on the heap (64-bit: 20-byte header + chars + terminator, 8-aligned).</summary>
    private static long StringSize(int length)
    {
        Assert.Equal(8, IntPtr.Size);
        return (20 + (2L * (length + 1)) + 7) & ~7L;
    }

    private static (long Allocated, T Result) Measure<T>(Func<T> call)
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
