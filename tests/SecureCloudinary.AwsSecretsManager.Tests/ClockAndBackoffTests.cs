using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

public sealed class ClockAndBackoffTests : EmulatorTestBase
{
    private readonly SignallingTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    protected override SecretsManagerEmulatorOptions EmulatorOptions => new() { TimeProvider = _time };

    [Fact]
    public async Task GetCredentials_ClientClockSixMinutesBehind_CorrectsTheClockFromTheDateHeader()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        var clientClock = new FakeTimeProvider(_time.GetUtcNow() - TimeSpan.FromMinutes(6));

        var snapshot = await AwsTestKit.Source(Emulator, "s", timeProvider: clientClock).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(["InvalidSignatureException", null], Emulator.Requests.Select(r => r.ErrorType));
    }

    [Fact]
    public async Task GetCredentials_ClientClockFourMinutesOff_IsAccepted()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        var clientClock = new FakeTimeProvider(_time.GetUtcNow() + TimeSpan.FromMinutes(4));

        var snapshot = await AwsTestKit.Source(Emulator, "s", timeProvider: clientClock).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
    }

    [Fact]
    public async Task GetCredentials_Throttled_WaitsOnTheTimeProviderBeforeEachRetry()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.InjectFault(SecretsManagerFault.Throttle, 2);
        var source = AwsTestKit.Source(Emulator, "s", o => o.RetryBaseDelay = TimeSpan.FromSeconds(1), timeProvider: _time);

        var read = source.GetCredentialsAsync(Ct).AsTask();
        await _time.TimerCreated.WaitAsync(Ct);
        Assert.Single(Emulator.Requests);
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _time.TimerCreated.WaitAsync(Ct);
        Assert.Equal(2, Emulator.Requests.Count);
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));
        var snapshot = await read;

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(3, Emulator.Requests.Count);
        Assert.Equal(0, _time.TimerCreated.CurrentCount);
    }

    /// <summary>A fake clock that signals each timer created on it (i.e. each retry wait starting).</summary>
    private sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public SemaphoreSlim TimerCreated { get; } = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.Release();
            return timer;
        }
    }
}
