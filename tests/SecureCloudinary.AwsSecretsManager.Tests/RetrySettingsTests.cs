using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>Issue 12 items 2 and 4: retry settings from the environment and profile, case-insensitive codes, Retry-After, unreachable endpoints.</summary>
public sealed class RetrySettingsTests : EmulatorTestBase
{
    private readonly AwsEnvironmentKit _env = new();
    private readonly SignallingTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    protected override SecretsManagerEmulatorOptions EmulatorOptions => new() { TimeProvider = _time };

    [Theory]
    [InlineData("AWS_MAX_ATTEMPTS", "5", null, 5)]
    [InlineData(null, null, "max_attempts = 4\n", 4)]
    [InlineData("AWS_MAX_ATTEMPTS", "2", "max_attempts = 4\n", 2)]
    [InlineData("AWS_RETRY_MODE", "legacy", null, 5)]
    [InlineData(null, null, "retry_mode = adaptive\n", 3)]
    public async Task GetCredentials_MaxAttemptsFromEnvironmentOrProfile_IsHonoured(string? variable, string? value, string? profileLine, int expected)
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.InjectFault(SecretsManagerFault.InternalError, 20);
        _env.Write(".aws/config", "[default]\n" + profileLine);
        if (variable is not null)
        {
            _env.Set(variable, value);
        }

        await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await _env.Source(Emulator, "s", o => o.MaxAttempts = null, timeProvider: _time).GetCredentialsAsync(Ct));

        Assert.Equal(expected, Emulator.Requests.Count);
    }

    [Fact]
    public async Task GetCredentials_MaxAttemptsSettingBeatsTheEnvironment()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.InjectFault(SecretsManagerFault.InternalError, 20);
        _env.Set("AWS_MAX_ATTEMPTS", "6");

        await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await _env.Source(Emulator, "s", o => o.MaxAttempts = 2, timeProvider: _time).GetCredentialsAsync(Ct));

        Assert.Equal(2, Emulator.Requests.Count);
    }

    [Theory]
    [InlineData("AWS_RETRY_MODE", "fast")]
    [InlineData("AWS_MAX_ATTEMPTS", "many")]
    [InlineData("AWS_MAX_ATTEMPTS", "0")]
    public async Task GetCredentials_BadRetryVariable_FailsNamingIt(string variable, string value)
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        _env.Set(variable, value);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await _env.Source(Emulator, "s", o => o.MaxAttempts = null, timeProvider: _time).GetCredentialsAsync(Ct));

        Assert.Contains(variable, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, e.Message.Replace(variable, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Theory]
    [InlineData("throttlingexception")]
    [InlineData("THROTTLING")]
    [InlineData("slowdown")]
    public async Task GetCredentials_ThrottlingCodeInAnotherCase_IsRetried(string code)
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.ScriptError(new ScriptedAwsError { ErrorType = code, Message = "Rate exceeded" });

        var snapshot = await AwsTestKit.Source(Emulator, "s", timeProvider: _time).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(2, Emulator.Requests.Count);
    }

    [Fact]
    public async Task GetCredentials_ResourceNotFoundInAnotherCase_IsMappedAsNotFound()
    {
        Emulator.ScriptError(new ScriptedAwsError { ErrorType = "resourcenotfoundexception", Message = "nope" });

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await AwsTestKit.Source(Emulator, "s", timeProvider: _time).GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.NotFound, e.Reason);
    }

    [Fact]
    public async Task GetCredentials_ThrottledWithRetryAfter_WaitsThatLongOnTheTimeProvider()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.ScriptError(new ScriptedAwsError { ErrorType = "ThrottlingException", Message = "Rate exceeded", RetryAfter = TimeSpan.FromSeconds(3) });
        var source = AwsTestKit.Source(Emulator, "s", o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100), timeProvider: _time);

        var read = source.GetCredentialsAsync(Ct).AsTask();
        await _time.TimerCreated.WaitAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Single(Emulator.Requests);
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var snapshot = await read;

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(2, Emulator.Requests.Count);
    }

    [Fact]
    public async Task GetCredentials_RetryAfterOfAnHour_IsBoundedToTwentySeconds()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.ScriptError(new ScriptedAwsError { ErrorType = "ThrottlingException", Message = "Rate exceeded", RetryAfter = TimeSpan.FromHours(1) });
        var source = AwsTestKit.Source(Emulator, "s", o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100), timeProvider: _time);

        var read = source.GetCredentialsAsync(Ct).AsTask();
        await _time.TimerCreated.WaitAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(20));
        var snapshot = await read;

        Assert.Equal(Alpha, snapshot.Credentials);
    }

    [Fact]
    public async Task GetCredentials_EndpointUnreachable_ErrorNamesTheUrlTried()
    {
        var closed = new Uri("http://127.0.0.1:1/");
        var source = _env.Source(Emulator, "s", o => { o.ServiceUrl = closed.ToString(); o.MaxAttempts = 1; });

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () => await source.GetCredentialsAsync(Ct));

        Assert.Contains("http://127.0.0.1:1/", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:AwsSecretsManager:ServiceUrl", e.Message, StringComparison.Ordinal);
    }

    public override async ValueTask DisposeAsync()
    {
        _env.Dispose();
        await base.DisposeAsync();
    }

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
