using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>Issue 12 item 1: the SDK's clock-skew correction (offset from the response Date, re-sign, retry once).</summary>
public sealed class ClockSkewTests : EmulatorTestBase
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    protected override SecretsManagerEmulatorOptions EmulatorOptions => new() { TimeProvider = _time };

    [Theory]
    [InlineData(20)]
    [InlineData(-45)]
    public async Task GetCredentials_ServerClockMinutesAway_CorrectsFromTheDateHeaderRetriesOnceAndKeepsTheOffset(int minutes)
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.ClockOffset = TimeSpan.FromMinutes(minutes);
        var source = AwsTestKit.Source(Emulator, "s", timeProvider: _time);

        var snapshot = await source.GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(["InvalidSignatureException", null], Emulator.Requests.Select(r => r.ErrorType));
        await source.GetCredentialsAsync(Ct);
        Assert.Equal(3, Emulator.Requests.Count);
        Assert.Null(Emulator.Requests[2].ErrorType);
    }

    [Theory]
    [InlineData("RequestTimeTooSkewed")]
    [InlineData("RequestExpired")]
    [InlineData("RequestInTheFuture")]
    [InlineData("requesttimetooskewed")]
    public async Task GetCredentials_DefiniteSkewCode_RetriesOnceWithTheDateHeaderTime(string code)
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.ScriptError(new ScriptedAwsError { ErrorType = code, Message = "skewed" });

        var snapshot = await AwsTestKit.Source(Emulator, "s", o => o.MaxAttempts = 1, timeProvider: _time).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(2, Emulator.Requests.Count);
    }

    [Fact]
    public async Task GetCredentials_SkewPersists_RetriesOnlyOnceAndBlamesTheClock()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.ScriptError(new ScriptedAwsError { ErrorType = "RequestTimeTooSkewed", Message = "skewed" }, count: 10);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await AwsTestKit.Source(Emulator, "s", timeProvider: _time).GetCredentialsAsync(Ct));

        Assert.Equal(2, Emulator.Requests.Count);
        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("clock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_SignatureMismatchWithDateWithinFiveMinutes_IsNotTreatedAsSkew()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.ClockOffset = TimeSpan.FromMinutes(4);
        Emulator.ScriptError(new ScriptedAwsError { ErrorType = "InvalidSignatureException", Message = "mismatch" });

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await AwsTestKit.Source(Emulator, "s", timeProvider: _time).GetCredentialsAsync(Ct));

        Assert.Single(Emulator.Requests);
        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
    }
}
