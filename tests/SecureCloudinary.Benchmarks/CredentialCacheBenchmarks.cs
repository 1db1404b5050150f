using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Benchmarks;

/// <summary>
/// Reading cached credentials (the hot path of every Cloudinary call) and 1,000 concurrent callers of a cold
/// cache sharing one read of the source.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the providers in [GlobalCleanup].")]
public class CredentialCacheBenchmarks
{
    private static readonly CredentialSnapshot Snapshot =
        new(new CloudinaryCredentials("demo", "123456789012345", "A1b2C3d4E5f6G7h8I9j0K1l2M3n"), "v1");

    private readonly ValueTask<CredentialSnapshot>[] _callers = new ValueTask<CredentialSnapshot>[1000];
    private CloudinaryCredentialProvider _warm = null!;
    private CloudinaryCredentialProvider _warmInfinite = null!;

    [GlobalSetup]
    public void Setup()
    {
        _warm = new CloudinaryCredentialProvider(new FixedSource());
        _warmInfinite = new CloudinaryCredentialProvider(
            new FixedSource(), options: new SecureCloudinaryOptions { MaxStaleness = Timeout.InfiniteTimeSpan });
        _ = _warm.GetSnapshotAsync().AsTask().GetAwaiter().GetResult();
        _ = _warmInfinite.GetSnapshotAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warm.Dispose();
        _warmInfinite.Dispose();
    }

    /// <summary>The synchronous path: the returned <see cref="ValueTask{T}"/> is already complete.</summary>
    [Benchmark(Baseline = true)]
    public CredentialSnapshot WarmReadSync()
    {
        var read = _warm.GetSnapshotAsync();
        return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The <c>await</c> path a client takes, inside an async method.</summary>
    [Benchmark]
    public async ValueTask<CredentialSnapshot> WarmReadAwaited() => await _warm.GetSnapshotAsync().ConfigureAwait(false);

    /// <summary>With <c>MaxStaleness = Infinite</c> the read skips the clock.</summary>
    [Benchmark]
    public CredentialSnapshot WarmReadSyncInfiniteStaleness()
    {
        var read = _warmInfinite.GetSnapshotAsync();
        return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>1,000 callers ask a cold cache while the source is slow; one source call serves them all.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public async Task<int> ColdThousandConcurrentCallers()
    {
        var source = new GatedSource();
        using var provider = new CloudinaryCredentialProvider(source);
        for (var i = 0; i < _callers.Length; i++)
        {
#pragma warning disable CA2012 // Each stored ValueTask is awaited exactly once below.
            _callers[i] = provider.GetSnapshotAsync();
#pragma warning restore CA2012
        }

        source.Open();
        for (var i = 0; i < _callers.Length; i++)
        {
            await _callers[i].ConfigureAwait(false);
        }

        return source.Calls == 1 ? _callers.Length : throw new InvalidOperationException("More than one source call.");
    }

    private sealed class FixedSource : ICloudinaryCredentialSource
    {
        public string Name => "Fixed";

        public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default) => new(Snapshot);
    }

    private sealed class GatedSource : ICloudinaryCredentialSource
    {
        private readonly TaskCompletionSource<CredentialSnapshot> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public string Name => "Gated";

        public void Open() => _gate.SetResult(Snapshot);

        public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default)
        {
            Calls++;
            return new(_gate.Task);
        }
    }
}
