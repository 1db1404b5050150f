using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Benchmarks;

/// <summary>
/// A 200 MB generated stream uploaded in chunks through <see cref="CloudinaryClient.UploadAsync"/>, at Cloudinary's
/// minimum chunk size (5 MB) and the default (20 MB): to the loopback <see cref="Testing.CloudinaryEmulator"/>
/// (which parses the multipart body and SHA-256-hashes every byte; it runs in the benchmark process, so its time
/// and allocations are included), and to a <see cref="SinkHandler"/> (no network, no server: the client alone).
/// For peak memory run the program with <c>--upload-memory</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes everything in [GlobalCleanup].")]
public class ChunkedUploadBenchmarks
{
    /// <summary>Bytes per upload: 200 MB.</summary>
    public const long UploadBytes = 200_000_000;

    private UploadHarness _harness = null!;
    private CloudinaryCredentialProvider _sinkProvider = null!;
    private HttpClient _sinkHttp = null!;
    private CloudinaryClient _sinkClient = null!;

    /// <summary>The client's <see cref="CloudinaryClientOptions.ChunkSize"/>.</summary>
    [Params(CloudinaryClientOptions.MinimumChunkSize, CloudinaryClientOptions.DefaultChunkSize)]
    public int ChunkSize { get; set; }

    /// <summary>Starts the emulator and both clients.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _harness = UploadHarness.StartAsync(ChunkSize).GetAwaiter().GetResult();
        _sinkProvider = new CloudinaryCredentialProvider(
            new FixedCredentialSource(new CloudinaryCredentials("demo", "123456789012345", "A1b2C3d4E5f6G7h8I9j0K1l2M3n")));
        _sinkHttp = new HttpClient(new SinkHandler());
        _sinkClient = new CloudinaryClient(
            _sinkHttp, _sinkProvider, new CloudinaryClientOptions { ChunkSize = ChunkSize, ChunkedUploadThreshold = ChunkSize });
    }

    /// <summary>Stops them.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _sinkHttp.Dispose();
        _sinkProvider.Dispose();
        _harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Client and emulator over loopback HTTP.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long?> Upload200MB() => (await _harness.UploadAsync(UploadBytes).ConfigureAwait(false)).Bytes;

    /// <summary>The client alone: request bodies serialized into <see cref="Stream.Null"/>.</summary>
    [Benchmark]
    public async Task<long?> Upload200MBClientOnly() =>
        (await UploadHarness.UploadGeneratedAsync(_sinkClient, UploadBytes).ConfigureAwait(false)).Bytes;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn(UploadBytes));
    }
}
