namespace SecureCloudinary.Tests.Lifecycle;

/// <summary>
/// <see cref="SecureCloudinaryOptions.RotationPickupTime"/>: the formula, and that an instance whose jitter draws the
/// longest waits really reads a value written to the store within that time (and not long before it).
/// </summary>
public sealed class RotationPickupTimeTests
{
    [Fact]
    public void RotationPickupTime_Defaults_IsFiveMinutesPlusTenPercentPlusTenSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(300 + 30 + 10), new SecureCloudinaryOptions().RotationPickupTime);
    }

    [Theory]
    [InlineData(60, 0, 66)]
    [InlineData(900, 10, 1000)]
    [InlineData(1, 30, 31.1)]
    public void RotationPickupTime_FollowsRefreshIntervalAndMinimumForcedRefreshInterval(int refreshSeconds, int minimumForcedSeconds, double expectedSeconds)
    {
        var options = new SecureCloudinaryOptions
        {
            RefreshInterval = TimeSpan.FromSeconds(refreshSeconds),
            MinimumForcedRefreshInterval = TimeSpan.FromSeconds(minimumForcedSeconds),
        };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.RotationPickupTime);
    }

    [Fact]
    public async Task RotationPickupTime_InstanceWithTheLongestJitter_ReadsAWriteMadeJustAfterItsLastRefreshInTime()
    {
        var options = new SecureCloudinaryOptions { RefreshInterval = TimeSpan.FromMinutes(5) };
        using var kit = new LifecycleKit(options, jitter: () => 0.999999);
        await kit.LoadAsync();
        kit.Time.Advance(TimeSpan.FromMinutes(5) * 1.1); // the first (spread) refresh, at its latest
        Assert.Equal(2, kit.Source.Calls);

        // The store changes right after that read: the next scheduled read is the latest one there can be.
        kit.Source.Next = LifecycleKit.Snap(2);
        kit.Time.Advance(options.RotationPickupTime - options.MinimumForcedRefreshInterval - TimeSpan.FromSeconds(1));
        Assert.Equal(LifecycleKit.Snap(1).Credentials.ApiKey, (await kit.LoadAsync()).Credentials.ApiKey);
        kit.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(3, kit.Source.Calls);
        Assert.Equal(LifecycleKit.Snap(2).Credentials.ApiKey, (await kit.LoadAsync()).Credentials.ApiKey);
    }
}
