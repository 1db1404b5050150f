namespace SecureCloudinary.Stress.Tests.Fleet;

public sealed class FleetSimulationTests
{
    [Fact]
    public void Fleet_Probe()
    {
        foreach (var spread in new[] { TimeSpan.FromMinutes(10) })
        {
            var r = FleetSimulation.Run(new FleetScenario { StartSpread = spread, DisableOldKeyAfter = TimeSpan.FromMinutes(1) });
            var o = r.Scenario;
            Out(
                $"spread {spread}: wall {r.WallTime.TotalSeconds:F1}s total {r.TotalReads} failed {r.FailedReads} forced {r.ForcedReads} old {r.InstancesOnOldKeyAtDisable} mean {r.MeanPerSecond:F2} " +
                $"peak1s {r.PeakPerSecond(1, TimeSpan.Zero, o.Duration):F2} peak60 {r.PeakPerSecond(60, TimeSpan.Zero, o.Duration):F2} " +
                $"peak60 2h-11h {r.PeakPerSecond(60, TimeSpan.FromHours(2), TimeSpan.FromHours(11)):F2} peak60 13h-18h {r.PeakPerSecond(60, TimeSpan.FromHours(13), TimeSpan.FromHours(18)):F2} " +
                $"peak60 18h-24h {r.PeakPerSecond(60, TimeSpan.FromHours(18.2), TimeSpan.FromHours(24)):F2} peak60 outage {r.PeakPerSecond(60, o.OutageStart, o.OutageStart + o.OutageLength):F2} " +
                $"peak60 recovery {r.PeakPerSecond(60, o.OutageStart + o.OutageLength, o.OutageStart + o.OutageLength + TimeSpan.FromMinutes(15)):F2} " +
                $"stale max {r.LongestStale.Max()} age max {r.LongestAge.Max()} pickup max {r.RotationPickup.Max()} without {r.InstancesWithoutCredentials}");
            for (var h = 0; h < 24; h++)
            {
                Out($"  h{h}: peak60 {r.PeakPerSecond(60, TimeSpan.FromHours(h), TimeSpan.FromHours(h + 1)):F2} mean {r.MeanPerSecondIn(TimeSpan.FromHours(h), TimeSpan.FromHours(h + 1)):F2}");
            }
        }
    }

    private static void Out(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText("/tmp/fleet-probe.txt", line + "\n");
    }
}
