using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace SecureCloudinary.Tests.Lifecycle;

public sealed class CredentialRefreshTests
{
    [Fact]
    public async Task Refresh_AfterRefreshInterval_ReadsTheSourceAgain()
    {
        using var kit = new LifecycleKit(); // Jitter 0.5: the first refresh at 60% of the interval, then every interval.
        await kit.LoadAsync();

        kit.Time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(4, kit.Source.Calls);
    }

    [Theory]
    [InlineData(0.0, 270)]
    [InlineData(0.5, 300)]
    [InlineData(0.999999, 330)]
    public async Task Refresh_Jitter_StaysWithinTenPercentOfTheInterval(double random, int expectedSeconds)
    {
        using var kit = new LifecycleKit(jitter: () => random);
        await kit.LoadAsync();
        kit.Time.Advance(TimeSpan.FromMinutes(5) * (0.1 + random)); // The first refresh (spread: see below).
        Assert.Equal(2, kit.Source.Calls);

        kit.Time.Advance(TimeSpan.FromSeconds(expectedSeconds - 1));
        Assert.Equal(2, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, kit.Source.Calls);
    }

    [Theory]
    [InlineData(0.0, 30)]
    [InlineData(0.5, 180)]
    [InlineData(0.999999, 330)]
    public async Task Refresh_FirstAfterLoad_IsSpreadOverTheWholeInterval(double random, int expectedSeconds)
    {
        // A fleet started together must not stay in step: ±10% alone would keep it bunched for hours.
        using var kit = new LifecycleKit(jitter: () => random);
        await kit.LoadAsync();

        kit.Time.Advance(TimeSpan.FromSeconds(expectedSeconds - 1));
        Assert.Equal(1, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, kit.Source.Calls);
    }

    [Theory]
    [InlineData(0.0, 30)]
    [InlineData(0.999999, 330)]
    public async Task Refresh_FirstAfterForcedRefresh_IsSpreadOverTheWholeInterval(double random, int expectedSeconds)
    {
        // Disabling an old key makes every instance force a refresh within seconds: the next ones must spread out.
        using var kit = new LifecycleKit(jitter: () => random);
        var rejected = await kit.LoadAsync();
        kit.Time.Advance(TimeSpan.FromSeconds(20));
        kit.Source.Next = LifecycleKit.Snap(2);
        await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct);
        Assert.Equal(2, kit.Source.Calls);

        kit.Time.Advance(TimeSpan.FromSeconds(expectedSeconds - 1));
        Assert.Equal(2, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, kit.Source.Calls);
    }

    [Fact]
    public async Task Refresh_SameVersion_KeepsTheSnapshotAndRaisesNoChange()
    {
        using var kit = new LifecycleKit();
        var first = await kit.LoadAsync();
        var token = kit.Provider.GetChangeToken();
        kit.Source.Next = LifecycleKit.Snap(1);

        kit.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(2, kit.Source.Calls);
        Assert.Same(first, await kit.LoadAsync());
        Assert.False(token.HasChanged);
        Assert.DoesNotContain(kit.Logger.Collector.GetSnapshot(), r => r.Id.Id == 1003);
    }

    [Fact]
    public async Task Refresh_NewVersion_SwapsFiresTheChangeTokenAndLogsTheRotation()
    {
        using var kit = new LifecycleKit();
        var first = await kit.LoadAsync();
        var token = kit.Provider.GetChangeToken();
        var fired = 0;
        using var subscription = ChangeToken.OnChange(kit.Provider.GetChangeToken, () => fired++);
        kit.Source.Next = LifecycleKit.Snap(2);

        kit.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await kit.LoadAsync();

        Assert.Same(kit.Source.Next, second);
        Assert.True(token.HasChanged);
        Assert.False(kit.Provider.GetChangeToken().HasChanged);
        Assert.Equal(1, fired);
        var rotated = Assert.Single(kit.Logger.Collector.GetSnapshot(), r => r.Id.Id == 1003);
        Assert.Equal(LogLevel.Information, rotated.Level);
        Assert.Contains($"{first.Credentials.Fingerprint} -> {second.Credentials.Fingerprint}", rotated.Message, StringComparison.Ordinal);
        Assert.Contains("v2", rotated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_NoVersionIds_ComparesTheCredentials()
    {
        using var kit = new LifecycleKit(first: LifecycleKit.Snap(1, version: null));
        var first = await kit.LoadAsync();
        kit.Source.Next = LifecycleKit.Snap(1, version: null);
        kit.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Same(first, await kit.LoadAsync());

        kit.Source.Next = LifecycleKit.Snap(3, version: null);
        kit.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Same(kit.Source.Next, await kit.LoadAsync());
    }

    [Fact]
    public async Task Refresh_SourceGaveAnExpiry_RefreshesAtNinetyPercentOfTheLifetime()
    {
        using var kit = new LifecycleKit(first: LifecycleKit.Snap(1, expiresAt: LifecycleKit.Start.AddSeconds(60)));
        await kit.LoadAsync();

        kit.Time.Advance(TimeSpan.FromSeconds(53));
        Assert.Equal(1, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, kit.Source.Calls);
    }

    [Fact]
    public async Task GetSnapshotAsync_WarmCache_CompletesSynchronouslyWithoutAllocating()
    {
        using var kit = new LifecycleKit();
        await kit.LoadAsync();
        var warm = kit.Provider.GetSnapshotAsync(LifecycleKit.Ct);
        Assert.True(warm.IsCompletedSuccessfully);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var completed = 0;
        for (var i = 0; i < 1000; i++)
        {
            var read = kit.Provider.GetSnapshotAsync(CancellationToken.None);
            completed += read.IsCompletedSuccessfully ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000, completed);
    }
}
