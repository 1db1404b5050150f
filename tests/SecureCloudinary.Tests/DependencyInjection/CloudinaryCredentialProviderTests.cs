using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.DependencyInjection;

public sealed class CloudinaryCredentialProviderTests
{
    private static readonly CredentialSnapshot Snapshot = new(new CloudinaryCredentials("demo", "123456", "abc"), "v1");

    [Fact]
    public async Task GetSnapshotAsync_ThousandConcurrentFirstCalls_CallTheSourceOnce()
    {
        var source = new GatedCredentialSource();
        using var provider = new CloudinaryCredentialProvider(source);
        const int Callers = 1000;
        var joined = 0;
        var allJoined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            var pending = provider.GetSnapshotAsync(TestContext.Current.CancellationToken);
            if (Interlocked.Increment(ref joined) == Callers)
            {
                allJoined.SetResult();
            }

            return await pending;
        })).ToArray();

        await allJoined.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, source.Calls);
        Assert.All(callers, c => Assert.False(c.IsCompleted));

        source.Succeed(Snapshot);
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, source.Calls);
        Assert.All(results, r => Assert.Same(Snapshot, r));
    }

    [Fact]
    public async Task GetSnapshotAsync_AfterLoad_ReturnsCachedSnapshotSynchronously()
    {
        var source = new GatedCredentialSource();
        using var provider = new CloudinaryCredentialProvider(source);
        var first = provider.GetSnapshotAsync(TestContext.Current.CancellationToken);
        source.Succeed(Snapshot);
        await first;

        var again = provider.GetSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.True(again.IsCompletedSuccessfully);
        Assert.Same(Snapshot, await again);
        Assert.Equal(1, source.Calls);
        Assert.Equal("Gated", provider.SourceName);
    }

    [Fact]
    public async Task GetSnapshotAsync_LoadFails_IsRememberedUntilTheBackoffThenACallRetries()
    {
        var source = new GatedCredentialSource();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var provider = new CloudinaryCredentialProvider(source, timeProvider: time);
        var failure = new CloudinaryCredentialException("Gated", CredentialFailureReason.Unavailable, "store down", isTransient: true);

        var first = provider.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask();
        source.Fail(failure);
        var thrown = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => first);
        var remembered = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => provider.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(1, source.Calls);

        time.Advance(RetryBackoff.DefaultBase);
        var second = provider.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask();
        source.Succeed(Snapshot);

        Assert.Same(failure, thrown);
        Assert.Same(failure, remembered.InnerException);
        Assert.Equal((failure.SourceName, failure.Reason, failure.IsTransient), (remembered.SourceName, remembered.Reason, remembered.IsTransient));
        Assert.Same(Snapshot, await second);
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public async Task GetSnapshotAsync_OneWaiterCancelled_SharedLoadContinuesForOthers()
    {
        var source = new GatedCredentialSource();
        using var provider = new CloudinaryCredentialProvider(source);
        using var cts = new CancellationTokenSource();

        var cancelled = provider.GetSnapshotAsync(cts.Token).AsTask();
        var other = provider.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(other.IsCompleted);
        Assert.False(source.LastToken.IsCancellationRequested);
        source.Succeed(Snapshot);

        Assert.Same(Snapshot, await other);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task GetSnapshotAsync_SourceThrowsUnexpectedException_WrapsItAsTransientUnavailable()
    {
        var source = new GatedCredentialSource();
        using var provider = new CloudinaryCredentialProvider(source);

        var call = provider.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask();
        source.Fail(new HttpRequestException("connection refused (127.0.0.1:1)"));
        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(() => call);

        Assert.Equal(CredentialFailureReason.Unavailable, e.Reason);
        Assert.True(e.IsTransient);
        Assert.Equal("Gated", e.SourceName);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task GetSnapshotAsync_FirstLoad_LogsSourceCloudNameAndFingerprintAtInformation()
    {
        var logger = new FakeLogger<CloudinaryCredentialProvider>();
        var source = new GatedCredentialSource();
        using var provider = new CloudinaryCredentialProvider(source, logger);

        var call = provider.GetSnapshotAsync(TestContext.Current.CancellationToken);
        source.Succeed(Snapshot);
        await call;

        var record = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Information);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal(1000, record.Id.Id);
        Assert.Contains("Gated", record.Message, StringComparison.Ordinal);
        Assert.Contains("demo", record.Message, StringComparison.Ordinal);
        Assert.Contains(Snapshot.Credentials.Fingerprint, record.Message, StringComparison.Ordinal);
        Assert.Contains("v1", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSnapshotAsync_LoadFails_LogsErrorWithReason()
    {
        var logger = new FakeLogger<CloudinaryCredentialProvider>();
        var source = new GatedCredentialSource();
        using var provider = new CloudinaryCredentialProvider(source, logger);

        var call = provider.GetSnapshotAsync(TestContext.Current.CancellationToken).AsTask();
        source.Fail(new CloudinaryCredentialException("Gated", CredentialFailureReason.AccessDenied, "denied"));
        await Assert.ThrowsAsync<CloudinaryCredentialException>(() => call);

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal(1001, record.Id.Id);
        Assert.Contains("AccessDenied", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullSource_Throws()
    {
        Assert.Throws<ArgumentNullException>("source", () => new CloudinaryCredentialProvider(null!));
    }
}
