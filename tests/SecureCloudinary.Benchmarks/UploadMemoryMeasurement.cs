using System.Diagnostics;
using System.Globalization;

namespace SecureCloudinary.Benchmarks;

/// <summary>
/// <c>--upload-memory</c>: uploads one large generated stream (default 200 MB) in chunks to the in-process emulator
/// and prints the time, the managed bytes allocated, and peak memory sampled every 2 ms during the upload
/// (managed heap via <see cref="GC.GetTotalMemory(bool)"/>, GC committed bytes, working set) next to the
/// same figures just before it. Run it in a fresh process per chunk size: the OS keeps a process's peak.
/// </summary>
public static class UploadMemoryMeasurement
{
    private const double MB = 1_000_000;

    /// <summary>Parses <c>--size-mb N</c>, <c>--chunk-size BYTES</c>, <c>--unknown-length</c>; runs; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMb = IntOption(args, "--size-mb", 200);
        var chunkSize = IntOption(args, "--chunk-size", CloudinaryClientOptions.DefaultChunkSize);
        var seekable = !args.Contains("--unknown-length");
        var bytes = sizeMb * 1_000_000L;

        await using var harness = await UploadHarness.StartAsync(chunkSize).ConfigureAwait(false);

        // Warm up the HTTP, signing and emulator paths (JIT, connection) with a small single-request upload.
        await harness.UploadAsync(1_000_000).ConfigureAwait(false);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var peakReset = TryResetPeakWorkingSet();
        var before = Sample.Take();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen2Before = GC.CollectionCount(2);

        using var sampler = new Sampler(before);
        var clock = Stopwatch.StartNew();
        var result = await harness.UploadAsync(bytes, seekable).ConfigureAwait(false);
        clock.Stop();
        var peak = sampler.Stop();

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        var chunks = harness.Emulator.Assets[^1].ChunkCount;

        var o = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(o, $"Chunked upload: {bytes / MB:0} MB, {(seekable ? "seekable" : "unknown-length")} stream, ChunkSize {chunkSize / MB:0.#} MB, {chunks} chunks, {result.Bytes} bytes confirmed by the emulator"));
        Console.WriteLine(string.Create(o, $"Runtime {Environment.Version}, {Environment.ProcessorCount} logical CPUs, Server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}"));
        Console.WriteLine(string.Create(o, $"Time {clock.Elapsed.TotalSeconds:0.00} s, throughput {bytes / MB / clock.Elapsed.TotalSeconds:0.0} MB/s"));
        Console.WriteLine(string.Create(o, $"Managed bytes allocated during the upload (client + emulator): {allocated / MB:0.0} MB ({(double)allocated / bytes:P1} of the bytes sent); gen2 GCs: {GC.CollectionCount(2) - gen2Before}"));
        Console.WriteLine();
        Console.WriteLine("| Measure                       | Before upload | Peak during upload | Peak - before |");
        Console.WriteLine("|------------------------------ |--------------:|-------------------:|--------------:|");
        Row("Managed heap (GetTotalMemory)", before.ManagedBytes, peak.ManagedBytes);
        Row("GC committed bytes", before.CommittedBytes, peak.CommittedBytes);
        Row("Working set (sampled)", before.WorkingSet, peak.WorkingSet);
        if (peakReset)
        {
            Row("Peak working set (kernel)", before.WorkingSet, process.PeakWorkingSet64);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(o, $"Peak working set above the pre-upload figure, in chunks: {(Math.Max(peak.WorkingSet, peakReset ? process.PeakWorkingSet64 : 0) - before.WorkingSet) / (double)chunkSize:0.00}"));
        return 0;

        static void Row(string name, long before, long peak) => Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"| {name,-29} | {before / MB,10:0.0} MB | {peak / MB,15:0.0} MB | {(peak - before) / MB,10:0.0} MB |"));
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }

    /// <summary>On Linux, writing 5 to /proc/self/clear_refs resets the kernel's peak RSS (VmHWM) to the current RSS.</summary>
    private static bool TryResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private readonly record struct Sample(long ManagedBytes, long CommittedBytes, long WorkingSet)
    {
        public static Sample Take() =>
            new(GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes, Environment.WorkingSet);

        public Sample Max(Sample other) => new(
            Math.Max(ManagedBytes, other.ManagedBytes),
            Math.Max(CommittedBytes, other.CommittedBytes),
            Math.Max(WorkingSet, other.WorkingSet));
    }

    /// <summary>Samples memory every 2 ms on a dedicated thread until stopped, keeping the maximum.</summary>
    private sealed class Sampler : IDisposable
    {
        private readonly ManualResetEventSlim _stop = new();
        private readonly Thread _thread;
        private Sample _peak;

        public Sampler(Sample initial)
        {
            _peak = initial;
            _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
            _thread.Start();
        }

        public Sample Stop()
        {
            _stop.Set();
            _thread.Join();
            return _peak.Max(Sample.Take());
        }

        public void Dispose() => _stop.Dispose();

        private void Run()
        {
            while (!_stop.Wait(2))
            {
                _peak = _peak.Max(Sample.Take());
            }
        }
    }
}
