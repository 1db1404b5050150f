using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Tests.Lifecycle;

public sealed class ForcedRefreshTests
{
    [Fact]
    public async Task ForceRefreshAsync_SourceHasNewCredentials_ReturnsThem()
    {
        using var kit = new LifecycleKit();
        var rejected = await kit.LoadAsync();
        kit.Source.Next = LifecycleKit.Snap(2);

        var fresh = await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct);

        Assert.Same(kit.Source.Next, fresh);
        Assert.Same(fresh, await kit.LoadAsync());
        Assert.Contains(kit.Logger.Collector.GetSnapshot(), r => r.Id.Id == 1006 && r.Level == LogLevel.Information);
    }

    [Fact]
    public async Task ForceRefreshAsync_WithinMinimumInterval_DoesNotReadTheSourceAgain()
    {
        using var kit = new LifecycleKit();
        var rejected = await kit.LoadAsync();
        await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct);
        Assert.Equal(2, kit.Source.Calls);

        kit.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Same(rejected, await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct));
        Assert.Equal(2, kit.Source.Calls);
        Assert.Contains(kit.Logger.Collector.GetSnapshot(), r => r.Id.Id == 1007);

        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct);
        Assert.Equal(3, kit.Source.Calls);
    }

    [Fact]
    public async Task ForceRefreshAsync_ZeroMinimumInterval_AlwaysReads()
    {
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MinimumForcedRefreshInterval = TimeSpan.Zero });
        var rejected = await kit.LoadAsync();
        await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct);
        await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct);
        Assert.Equal(3, kit.Source.Calls);
    }

    [Fact]
    public async Task ForceRefreshAsync_ManyConcurrentCallers_ReadTheSourceOnce()
    {
        using var kit = new LifecycleKit();
        var rejected = await kit.LoadAsync();
        kit.Source.Next = LifecycleKit.Snap(2);
        kit.Source.Hold = true;

        var callers = Enumerable.Range(0, 100).Select(_ => kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct).AsTask()).ToArray();
        await kit.Source.Entered.Task.WaitAsync(LifecycleKit.Ct);
        kit.Source.Release();
        var results = await Task.WhenAll(callers);

        Assert.Equal(2, kit.Source.Calls);
        Assert.All(results, r => Assert.Same(kit.Source.Next, r));
    }

    [Fact]
    public async Task ForceRefreshAsync_AlreadyRotated_ReturnsTheCurrentSnapshotWithoutReading()
    {
        using var kit = new LifecycleKit();
        var old = await kit.LoadAsync();
        kit.Source.Next = LifecycleKit.Snap(2);
        kit.Time.Advance(TimeSpan.FromMinutes(5));

        var fresh = await kit.Provider.ForceRefreshAsync(old, LifecycleKit.Ct);

        Assert.Same(kit.Source.Next, fresh);
        Assert.Equal(2, kit.Source.Calls);
    }

    [Fact]
    public async Task ForceRefreshAsync_SourceFails_ReturnsTheCurrentSnapshot()
    {
        using var kit = new LifecycleKit();
        var rejected = await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();

        Assert.Same(rejected, await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct));
        Assert.Equal(1, kit.Provider.GetHealthState().ConsecutiveFailures);
    }

    [Fact]
    public async Task ForceRefreshAsync_CallerCancelled_SharedRefreshStillCompletes()
    {
        using var kit = new LifecycleKit();
        var rejected = await kit.LoadAsync();
        kit.Source.Next = LifecycleKit.Snap(2);
        kit.Source.Hold = true;
        using var cts = new CancellationTokenSource();

        var cancelled = kit.Provider.ForceRefreshAsync(rejected, cts.Token).AsTask();
        var other = kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct).AsTask();
        await kit.Source.Entered.Task.WaitAsync(LifecycleKit.Ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(kit.Source.LastToken.IsCancellationRequested);
        kit.Source.Release();
        Assert.Same(kit.Source.Next, await other);
        Assert.Same(kit.Source.Next, await kit.LoadAsync());
    }

    [Fact]
    public async Task GetSnapshotAsync_CallerCancelledDuringScheduledRefreshAfterExpiry_OthersStillGetTheResult()
    {
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MaxStaleness = TimeSpan.FromMinutes(5) });
        await kit.LoadAsync();
        kit.Source.Hold = true;
        kit.Source.Next = LifecycleKit.Snap(2);
        kit.Time.Advance(TimeSpan.FromMinutes(5)); // the scheduled refresh starts and is held; the snapshot is now too old
        using var cts = new CancellationTokenSource();

        var cancelled = kit.Provider.GetSnapshotAsync(cts.Token).AsTask();
        var other = kit.Provider.GetSnapshotAsync(LifecycleKit.Ct).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        kit.Source.Release();

        Assert.Same(kit.Source.Next, await other);
        Assert.Equal(2, kit.Source.Calls);
    }
}
