using Microsoft.Extensions.Logging;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Lifecycle;

public sealed class CredentialOutageTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Refresh_StoreDown_ServesTheLastGoodSnapshotAndLogsAWarning()
    {
        using var kit = new LifecycleKit();
        var good = await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();

        kit.Time.Advance(Interval);

        Assert.Equal(2, kit.Source.Calls);
        Assert.Same(good, await kit.LoadAsync());
        var warning = Assert.Single(kit.Logger.Collector.GetSnapshot(), r => r.Id.Id == 1004);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Unavailable", warning.Message, StringComparison.Ordinal);
        Assert.Contains(good.Credentials.Fingerprint, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_StoreStaysDown_RetriesWithDoublingBackoff()
    {
        using var kit = new LifecycleKit(jitter: () => 0.999999);
        await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();
        kit.Time.Advance(Interval * 1.1); // first failure (the interval's jitter is at its maximum)
        Assert.Equal(2, kit.Source.Calls);

        var expectedCalls = 2;
        foreach (var seconds in new[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300 })
        {
            kit.Time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(5));
            Assert.Equal(expectedCalls, kit.Source.Calls);
            kit.Time.Advance(TimeSpan.FromMilliseconds(5));
            Assert.Equal(++expectedCalls, kit.Source.Calls);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void RetryBackoff_Ceiling_DoublesFromOneSecondToFiveMinutes(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Ceiling(attempt, RetryBackoff.DefaultBase, RetryBackoff.DefaultCap));
    }

    [Fact]
    public void RetryBackoff_FullJitter_SpansZeroToTheCeiling()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), RetryBackoff.FullJitter(4, 0, RetryBackoff.DefaultBase, RetryBackoff.DefaultCap));
        Assert.Equal(TimeSpan.FromSeconds(4), RetryBackoff.FullJitter(4, 0.5, RetryBackoff.DefaultBase, RetryBackoff.DefaultCap));
        Assert.Equal(TimeSpan.FromSeconds(150), RetryBackoff.FullJitter(20, 0.5, RetryBackoff.DefaultBase, RetryBackoff.DefaultCap));
    }

    [Fact]
    public async Task GetSnapshotAsync_StaleBeyondMaxStaleness_ThrowsTheSourceFailure()
    {
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MaxStaleness = TimeSpan.FromHours(1) });
        await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();

        kit.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await kit.LoadAsync());
        kit.Time.Advance(TimeSpan.FromMinutes(1));

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());
        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Equal("Scripted", e.SourceName);
        Assert.Contains(kit.Logger.Collector.GetSnapshot(), r => r.Id.Id == 1001 && r.Level == LogLevel.Error);
    }

    [Fact]
    public async Task GetSnapshotAsync_MaxStalenessBeyondTheTimerRange_StillExpiresOnTime()
    {
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MaxStaleness = TimeSpan.FromDays(60) });
        var good = await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();

        kit.Time.Advance(TimeSpan.FromDays(60) - TimeSpan.FromSeconds(1));
        var stillServed = kit.Provider.GetSnapshotAsync(LifecycleKit.Ct);
        Assert.True(stillServed.IsCompletedSuccessfully);
        Assert.Same(good, await stillServed);
        kit.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(kit.Provider.Current!.IsExpired);
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());
    }

    [Fact]
    public async Task GetSnapshotAsync_MaxStalenessInfinite_ServesForAMonthOfOutage()
    {
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MaxStaleness = Timeout.InfiniteTimeSpan });
        var good = await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();

        for (var day = 0; day < 30; day++)
        {
            kit.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Same(good, await kit.LoadAsync());
        Assert.True(kit.Source.Calls > 30);
    }

    [Fact]
    public async Task Refresh_StoreRecovers_ResetsTheFailuresAndPicksUpTheNewVersion()
    {
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MaxStaleness = TimeSpan.FromHours(1) });
        await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();
        kit.Time.Advance(TimeSpan.FromHours(2));
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());

        kit.Source.Failure = null;
        kit.Source.Next = LifecycleKit.Snap(2);
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync()); // remembered until the retry
        kit.Time.Advance(RetryBackoff.DefaultCap);
        var recovered = await kit.LoadAsync();

        Assert.Same(kit.Source.Next, recovered);
        var state = kit.Provider.GetHealthState();
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.LastFailure);
        Assert.True(state.IsUsable);
    }

    [Fact]
    public async Task Refresh_NeverLoaded_DoesNotRetryInTheBackground()
    {
        using var kit = new LifecycleKit();
        kit.Source.Failure = LifecycleKit.StoreDown();
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());

        kit.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, kit.Source.Calls);
    }

    [Fact]
    public async Task Dispose_StopsTheRefreshTimer()
    {
        using var kit = new LifecycleKit();
        await kit.LoadAsync();
        kit.Provider.Dispose();

        kit.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, kit.Source.Calls);
    }
}
