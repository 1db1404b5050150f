using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace SecureCloudinary.Stress.Tests.Fleet;

/// <summary>
/// Runs a <see cref="FleetScenario"/>: real credential caches on one fake clock, advanced one simulated second at
/// a time (every timer fires at its due time; nothing waits for real). Everything random is seeded.
/// </summary>
internal static class FleetSimulation
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    public static FleetResult Run(FleetScenario scenario)
    {
        var wall = Stopwatch.StartNew();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new FleetStore(time, scenario.Duration);
        var random = new Random(scenario.Seed);
        var instances = new FleetInstance[scenario.Instances];
        var starts = new List<FleetInstance>?[(int)scenario.Duration.TotalSeconds];
        for (var i = 0; i < instances.Length; i++)
        {
            instances[i] = new FleetInstance(store, time, scenario.Options, scenario.Seed + 1 + i);
            At(starts, (int)(random.NextDouble() * scenario.StartSpread.TotalSeconds)).Add(instances[i]);
        }

        var calls = new List<FleetInstance>?[starts.Length];
        var every = (int)scenario.CallEvery.TotalSeconds;
        var phases = new List<FleetInstance>[Math.Max(every, 1)];
        for (var i = 0; i < phases.Length; i++)
        {
            phases[i] = [];
        }

        var started = new HashSet<FleetInstance>();
        if (every > 0)
        {
            foreach (var instance in instances)
            {
                phases[random.Next(every)].Add(instance);
            }
        }

        var appCalls = 0;
        var failedAppCalls = 0;
        var rejectedAppCalls = 0;
        var repeatedAppCalls = 0;
        string? disabledVersion = null;
        var outageStart = (int)scenario.OutageStart.TotalSeconds;
        var outageEnd = (int)(scenario.OutageStart + scenario.OutageLength).TotalSeconds;
        var rotation = (int)scenario.RotationAt.TotalSeconds;
        var disable = (int)(scenario.RotationAt + scenario.DisableOldKeyAfter).TotalSeconds;
        var onOldKey = 0;
        var withoutCredentials = new HashSet<FleetInstance>();
        try
        {
            for (var second = 0; second < starts.Length; second++)
            {
                if (second == outageStart)
                {
                    store.IsDown = true;
                }

                foreach (var instance in starts[second] ?? [])
                {
                    var load = instance.Provider.GetSnapshotAsync(CancellationToken.None);
                    Ensure(load.IsCompletedSuccessfully || (store.IsDown && load.IsFaulted), "a start-up load did not complete synchronously");
                    Observe(load);
                    started.Add(instance);
                }

                if (every > 0)
                {
                    foreach (var instance in phases[second % every])
                    {
                        if (started.Contains(instance))
                        {
                            appCalls++;
                            var call = instance.Provider.GetSnapshotAsync(CancellationToken.None).AsTask();
                            Ensure(call.IsCompleted, "an app call did not complete synchronously");
                            failedAppCalls += call.IsFaulted ? 1 : 0;
                            _ = call.Exception;
                            if (scenario.AppCallsUseTheKey && call.IsCompletedSuccessfully)
                            {
                                var outcome = Sign(instance, call.Result, disabledVersion);
                                rejectedAppCalls += outcome == CallOutcome.Succeeded ? 0 : 1;
                                repeatedAppCalls += outcome == CallOutcome.RepeatedAndSucceeded ? 1 : 0;
                                failedAppCalls += outcome == CallOutcome.Failed ? 1 : 0;
                            }
                        }
                    }
                }

                if (second == outageEnd)
                {
                    CheckUsable(instances, time, withoutCredentials);
                    store.IsDown = false;
                }

                if (second == rotation)
                {
                    store.Current = FleetStore.Version(2);
                    foreach (var instance in instances)
                    {
                        instance.WatchVersion = store.Current.Version;
                    }
                }
                else if (second == disable)
                {
                    // The old key now gets 401: each instance still on it forces a refresh at its next call.
                    disabledVersion = FleetStore.Version(1).Version;
                    foreach (var instance in instances.Where(i => i.Provider.Current?.Snapshot.Version != store.Current.Version))
                    {
                        onOldKey++;
                        if (!scenario.AppCallsUseTheKey)
                        {
                            At(calls, second + (int)(random.NextDouble() * scenario.CallWindow.TotalSeconds)).Add(instance);
                        }
                    }
                }

                foreach (var instance in calls[second] ?? [])
                {
                    var rejected = instance.Provider.Current!.Snapshot;
                    if (rejected.Version == store.Current.Version)
                    {
                        // Already on the new key, which Cloudinary accepts: without this report a (simulated) 401 on
                        // a key never accepted would offer the previous key back (the runtime way back).
                        instance.Provider.ReportAccepted(rejected, null);
                    }

                    instance.Forcing = true;
                    var forced = instance.Provider.ForceRefreshAsync(rejected, CancellationToken.None);
                    instance.Forcing = false;
                    Ensure(forced.IsCompletedSuccessfully && forced.Result.Version == store.Current.Version, "a forced refresh did not return the new key");
                }

                time.Advance(Step);
            }

            CheckUsable(instances, time, withoutCredentials);
            var begun = DateTimeOffset.UnixEpoch;
            var rotatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + scenario.RotationAt;
            return new FleetResult
            {
                Scenario = scenario,
                ReadsPerSecond = store.ReadsPerSecond.ToArray(),
                TotalReads = store.TotalReads,
                FailedReads = store.FailedReads,
                ForcedReads = instances.Sum(i => i.ForcedReads),
                InstancesOnOldKeyAtDisable = onOldKey,
                LongestStale = [.. instances.Select(i => i.LongestStale)],
                LongestAge = [.. instances.Select(i => i.LongestAge)],
                RotationPickup = [.. instances.Select(i => (i.PickedUpAt ?? DateTimeOffset.MaxValue) - rotatedAt)],
                InstancesWithoutCredentials = withoutCredentials.Count,
                WallTime = wall.Elapsed,
                AppCalls = appCalls,
                FailedAppCalls = failedAppCalls,
                RejectedAppCalls = rejectedAppCalls,
                RepeatedAppCalls = repeatedAppCalls,
                ForcedReadsPerSecond = store.ForcedReadsPerSecond.ToArray(),
                MaxForcedReadsPerInstance = instances.Max(i => i.ForcedReads),
                ShortestForcedGap = instances.Select(i => i.ShortestForcedGap).Where(g => g is not null).DefaultIfEmpty().Min(),
                InstancesOnNewKeyAtEnd = instances.Count(i => i.Provider.Current?.Snapshot.Version == store.Current.Version),
            };
        }
        finally
        {
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
        }
    }

    private enum CallOutcome
    {
        Succeeded,
        RepeatedAndSucceeded,
        Failed,
    }

    /// <summary>
    /// One Cloudinary call signed with <paramref name="used"/>, as <c>CloudinaryClient</c> makes it: Cloudinary
    /// rejects the disabled key (401), the call forces a refresh with it as the rejected snapshot and is repeated
    /// once with what the refresh returned; every accepted call is reported to the cache.
    /// </summary>
    private static CallOutcome Sign(FleetInstance instance, CredentialSnapshot used, string? disabledVersion)
    {
        if (used.Version != disabledVersion)
        {
            instance.Provider.ReportAccepted(used, null);
            return CallOutcome.Succeeded;
        }

        instance.Forcing = true;
        var forced = instance.Provider.ForceRefreshAsync(used, CancellationToken.None).AsTask();
        instance.Forcing = false;
        Ensure(forced.IsCompletedSuccessfully, "a forced refresh did not complete synchronously");
        var fresh = forced.Result;
        if (fresh.Version == disabledVersion)
        {
            return CallOutcome.Failed;
        }

        instance.Provider.ReportAccepted(fresh, used);
        return CallOutcome.RepeatedAndSucceeded;
    }

    private static List<FleetInstance> At(List<FleetInstance>?[] slots, int second) =>
        slots[Math.Min(second, slots.Length - 1)] ??= [];

    private static void Observe(ValueTask<CredentialSnapshot> call)
    {
        if (call.IsFaulted)
        {
            _ = call.AsTask().Exception;
        }
    }

    private static void CheckUsable(FleetInstance[] instances, TimeProvider time, HashSet<FleetInstance> without)
    {
        var now = time.GetTimestamp();
        foreach (var instance in instances)
        {
            if (instance.Provider.Current is not { } entry || !entry.IsUsable(now))
            {
                without.Add(instance);
            }
        }
    }

    private static void Ensure(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Fleet simulation: " + what + ".");
        }
    }
}
