using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Lifecycle;

/// <summary>
/// A source that fails while nothing usable is cached is read once per backoff interval, not once per caller
/// (issue 11, item 11: 8 callers for 1 s used to make 93,418 store reads).
/// </summary>
public sealed class FailureBackoffTests
{
    private static CloudinaryCredentialException AccessDenied() =>
        new("Scripted", CredentialFailureReason.AccessDenied, "Source Scripted was denied access to secret 'app/cloudinary'.", isTransient: false);

    private static async Task<List<CloudinaryCredentialException>> HammerAsync(CloudinaryCredentialProvider provider, int callers = 8, int callsEach = 500)
    {
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(
            async () =>
            {
                var errors = new List<CloudinaryCredentialException>();
                for (var i = 0; i < callsEach; i++)
                {
                    try
                    {
                        await provider.GetSnapshotAsync(LifecycleKit.Ct);
                    }
                    catch (CloudinaryCredentialException e)
                    {
                        errors.Add(e);
                    }
                }

                return errors;
            },
            LifecycleKit.Ct));
        return [.. (await Task.WhenAll(tasks)).SelectMany(e => e)];
    }

    [Fact]
    public async Task GetSnapshotAsync_NothingCachedAndSourceFails_ManyCallersReadTheSourceOnce()
    {
        using var kit = new LifecycleKit();
        kit.Source.Failure = AccessDenied();

        var errors = await HammerAsync(kit.Provider);

        Assert.Equal(1, kit.Source.Calls);
        Assert.Equal(8 * 500, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
            Assert.False(e.IsTransient);
            Assert.Equal("Scripted", e.SourceName);
            Assert.Contains("app/cloudinary", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(LifecycleKit.Sentinel, e.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task GetSnapshotAsync_NothingCachedAndStoreDown_RetriesAfterADoublingBackoff()
    {
        // Jitter 0.5: each wait is 75% of its ceiling (1 s, 2 s, 4 s ...).
        using var kit = new LifecycleKit();
        kit.Source.Failure = LifecycleKit.StoreDown();
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());

        var expected = 1;
        foreach (var ms in new[] { 750, 1500, 3000, 6000 })
        {
            kit.Time.Advance(TimeSpan.FromMilliseconds(ms - 1));
            await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());
            Assert.Equal(expected, kit.Source.Calls);
            kit.Time.Advance(TimeSpan.FromMilliseconds(1));
            await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());
            Assert.Equal(++expected, kit.Source.Calls);
        }
    }

    [Fact]
    public async Task GetSnapshotAsync_NonTransientFailure_WaitsLongerThanATransientOne()
    {
        using var kit = new LifecycleKit();
        kit.Source.Failure = AccessDenied();
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());

        kit.Time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());
        Assert.Equal(1, kit.Source.Calls);
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());
        Assert.Equal(2, kit.Source.Calls);
    }

    [Fact]
    public async Task GetSnapshotAsync_StoreRecoversAfterTheBackoff_LoadsAndForgetsTheFailure()
    {
        using var kit = new LifecycleKit();
        kit.Source.Failure = LifecycleKit.StoreDown();
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());
        kit.Source.Failure = null;
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => kit.LoadAsync());

        kit.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Same(kit.Source.Next, await kit.LoadAsync());
        Assert.Null(kit.Provider.GetHealthState().LastFailure);
        Assert.Equal(2, kit.Source.Calls);
    }

    [Fact]
    public async Task GetSnapshotAsync_MaxStalenessExceededAndStoreDown_ManyCallersAddNoStoreReads()
    {
        using var kit = new LifecycleKit(new SecureCloudinaryOptions { MaxStaleness = TimeSpan.FromHours(1) });
        await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();
        kit.Time.Advance(TimeSpan.FromHours(2)); // background retries with backoff, then the entry expires
        Assert.True(kit.Provider.Current!.IsExpired);
        var before = kit.Source.Calls;

        var errors = await HammerAsync(kit.Provider);

        Assert.Equal(before, kit.Source.Calls);
        Assert.Equal(8 * 500, errors.Count);
        Assert.All(errors, e => Assert.Equal(CredentialFailureReason.Unavailable, e.Reason));
    }

    [Fact]
    public async Task ForceRefreshAsync_AfterTheMinimumIntervalWithNoFailureRemembered_StillReadsTheSource()
    {
        using var kit = new LifecycleKit();
        var rejected = await kit.LoadAsync();
        kit.Source.Failure = LifecycleKit.StoreDown();
        await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct); // fails: remembered for the backoff
        Assert.Equal(2, kit.Source.Calls);

        kit.Time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Same(rejected, await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct));
        Assert.Equal(2, kit.Source.Calls);

        kit.Source.Failure = null;
        kit.Source.Next = LifecycleKit.Snap(2);
        kit.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Same(kit.Source.Next, await kit.Provider.ForceRefreshAsync(rejected, LifecycleKit.Ct));
    }
}
