using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace SecureCloudinary.Benchmarks;

/// <summary>
/// A 200 MB generated stream uploaded in chunks through <see cref="CloudinaryClient.UploadAsync"/> to the
/// loopback <see cref="Testing.CloudinaryEmulator"/> (which hashes every byte with SHA-256, as a check), at
/// Cloudinary's minimum chunk size (5 MB) and the default (20 MB). Time includes the emulator's side: both run in
/// the benchmark process. The memory diagnoser counts managed bytes allocated per upload, client and emulator
/// together; for peak memory run the program with <c>--upload-memory</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ChunkedUploadBenchmarks
{
    /// <summary>Bytes per upload: 200 MB.</summary>
    public const long UploadBytes = 200_000_000;

    private UploadHarness _harness = null!;

    /// <summary>The client's <see cref="CloudinaryClientOptions.ChunkSize"/>.</summary>
    [Params(CloudinaryClientOptions.MinimumChunkSize, CloudinaryClientOptions.DefaultChunkSize)]
    public int ChunkSize { get; set; }

    /// <summary>Starts the emulator and the client.</summary>
    [GlobalSetup]
    public void Setup() => _harness = UploadHarness.StartAsync(ChunkSize).GetAwaiter().GetResult();

    /// <summary>Stops them.</summary>
    [GlobalCleanup]
    public void Cleanup() => _harness.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A seekable stream (length known up front).</summary>
    [Benchmark]
    public async Task<long?> Upload200MB() => (await _harness.UploadAsync(UploadBytes).ConfigureAwait(false)).Bytes;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn(UploadBytes));
    }
}
