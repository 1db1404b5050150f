using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Internal;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 0.999, 999)]
    [InlineData(2, 0.0, 1000)]
    [InlineData(3, 0.0, 2000)]
    [InlineData(10, 0.0, 2500)]
    [InlineData(10, 1.0, 5000)]
    [InlineData(0, 0.5, 0)]
    public void Delay_DoublesWithJitterUpToTheCap(int retry, double jitter, int expectedMs)
    {
        var delay = RetryBackoff.Delay(retry, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(5000), jitter);

        Assert.Equal(expectedMs, (int)delay.TotalMilliseconds);
    }

    [Fact]
    public void Delay_ZeroBase_IsZero() =>
        Assert.Equal(TimeSpan.Zero, RetryBackoff.Delay(3, TimeSpan.Zero, TimeSpan.FromSeconds(1), 0.5));

    [Fact]
    public async Task WaitAsync_CompletesOnlyWhenFakeTimeAdvances()
    {
        var time = new FakeTimeProvider();
        var wait = RetryBackoff.WaitAsync(1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), time, TestContext.Current.CancellationToken);

        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        await wait;
        Assert.True(wait.IsCompletedSuccessfully);
    }
}
