using System.Globalization;

namespace SecureCloudinary.Stress.Tests.Fleet;

/// <summary>
/// 1,000 real credential caches whose apps keep asking for credentials (every 5 s each) while nothing usable is
/// cached: the store is down at cold start, or down for longer than <c>MaxStaleness</c>. A cache that re-read the
/// store on every call made 1,000 / 5 = 200 reads/s here (issue 11, item 11). Remembered failures keep the load of a
/// cold fleet within the steady-state bound once the backoff has reached its cap, and expired caches cost no more than
/// the background retries of a warm outage.
/// </summary>
public sealed class FleetStoreFailureTests
{
    /// <summary>The bound the steady state meets (see <see cref="FleetSimulationTests"/>): peak ≤ 1.5 × mean.</summary>
    private const double MaxPeakToMean = 1.5;

    private static readonly TimeSpan CallEvery = TimeSpan.FromSeconds(5);

    /// <summary>The longest a cache's backoff takes to reach its cap: 1 + 2 + … + 256 s, then the 5-minute cap.</summary>
    private static readonly TimeSpan Ramp = TimeSpan.FromSeconds(511 + 300);

    [Fact]
    public void Fleet_StoreDownAtColdStart_StoreLoadStaysWithinTheSteadyStateBound()
    {
        var scenario = new FleetScenario
        {
            Duration = TimeSpan.FromHours(3),
            OutageStart = TimeSpan.Zero,
            OutageLength = TimeSpan.FromMinutes(30),
            RotationAt = TimeSpan.FromHours(10),
            CallEvery = CallEvery,
        };
        var result = FleetSimulation.Run(scenario);
        var steady = SteadyMean(scenario);
        var settled = result.MeanPerSecondIn(scenario.StartSpread + Ramp, scenario.OutageLength);
        var outage = result.MeanPerSecondIn(TimeSpan.Zero, scenario.OutageLength);
        Report("cold start", result, steady, settled, outage, TimeSpan.Zero, scenario.OutageLength);

        Assert.True(settled <= MaxPeakToMean * steady, $"settled outage load {settled:F2}/s > {MaxPeakToMean} x steady {steady:F2}/s");
        AssertRampBounded(result, TimeSpan.Zero, scenario.OutageLength);
        Assert.True(result.FailedReads * 10 <= result.FailedAppCalls, "each failed call used to read the store; now a failed read serves many calls");
        Assert.All(result.LongestStale, s => Assert.True(s <= scenario.OutageLength + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2), $"no credentials for {s}"));
    }

    [Fact]
    public void Fleet_StoreDownBeyondMaxStaleness_AppCallsAddNoStoreLoad()
    {
        var scenario = new FleetScenario
        {
            Duration = TimeSpan.FromHours(4),
            OutageStart = TimeSpan.FromHours(1),
            OutageLength = TimeSpan.FromHours(2),
            RotationAt = TimeSpan.FromHours(10),
            CallEvery = CallEvery,
            Options = new SecureCloudinaryOptions { MaxStaleness = TimeSpan.FromHours(1) },
        };
        var result = FleetSimulation.Run(scenario);
        var steady = SteadyMean(scenario);
        var expiredFrom = scenario.OutageStart + scenario.Options.MaxStaleness + (scenario.Options.RefreshInterval * 1.1);
        var outageEnd = scenario.OutageStart + scenario.OutageLength;
        var expired = result.MeanPerSecondIn(expiredFrom, outageEnd);
        var outage = result.MeanPerSecondIn(scenario.OutageStart, outageEnd);
        Report("MaxStaleness exceeded", result, steady, expired, outage, scenario.OutageStart, outageEnd);

        // Before expiry the caches serve stale credentials and only the background retries read the store (the warm
        // outage the capacity table in docs/reliability.md is sized for); expired caches with busy apps must cost no more.
        var stale = result.MeanPerSecondIn(scenario.OutageStart + Ramp + (scenario.Options.RefreshInterval * 1.1), scenario.OutageStart + scenario.Options.MaxStaleness);
        Assert.True(result.InstancesWithoutCredentials > 0, "the scenario should run caches past MaxStaleness");
        Assert.True(expired <= 1.2 * stale, $"load with expired caches {expired:F2}/s > 1.2 x the stale-serving retry load {stale:F2}/s");
        Assert.True(
            result.PeakPerSecond(60, expiredFrom, outageEnd) <= MaxPeakToMean * result.PeakPerSecond(60, scenario.OutageStart, expiredFrom),
            "expired caches should not raise the busiest minute of the outage");
        AssertRampBounded(result, scenario.OutageStart, outageEnd);
    }

    /// <summary>The steady state: each instance reads once per <c>RefreshInterval</c> on average.</summary>
    private static double SteadyMean(FleetScenario s) => s.Instances / s.Options.RefreshInterval.TotalSeconds;

    /// <summary>
    /// Per instance, an outage costs at most the ramp (one read per doubling step to the cap) plus one read per
    /// half cap after it, whatever the apps' call rate.
    /// </summary>
    private static void AssertRampBounded(FleetResult r, TimeSpan from, TimeSpan to)
    {
        var steps = 10;
        var perInstance = steps + ((to - from) / TimeSpan.FromSeconds(150));
        var reads = r.MeanPerSecondIn(from, to) * (to - from).TotalSeconds;
        Assert.True(reads <= perInstance * r.Scenario.Instances, $"{reads:N0} store reads during the outage > {perInstance:F1} per instance");
    }

    private static void Report(string name, FleetResult r, double steady, double settled, double outage, TimeSpan from, TimeSpan to)
    {
        var c = CultureInfo.InvariantCulture;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            c,
            $"{name}: {r.AppCalls:N0} app calls ({r.FailedAppCalls:N0} failed), {r.TotalReads:N0} store reads ({r.FailedReads:N0} failed); steady mean {steady:F2}/s; outage mean {outage:F2}/s, settled {settled:F2}/s ({settled / steady:F2}x); busiest minute of the outage {r.PeakPerSecond(60, from, to):F2}/s; wall {r.WallTime.TotalSeconds:F1} s"));
    }
}
