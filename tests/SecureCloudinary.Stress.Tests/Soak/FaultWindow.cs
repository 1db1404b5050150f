using System.Diagnostics;

namespace SecureCloudinary.Stress.Tests.Soak;

/// <summary>A span of real time during which the store was faulted (<see cref="End"/> is open while it lasts).</summary>
internal sealed class FaultWindow(StoreFault fault, long start)
{
    private long _end = long.MaxValue;

    public StoreFault Fault { get; } = fault;

    public long Start { get; } = start;

    public long End => Interlocked.Read(ref _end);

    public void Close() => Interlocked.Exchange(ref _end, Stopwatch.GetTimestamp());

}
