using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Internal;
using SecureCloudinary.Models;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Tests.Lifecycle;

/// <summary>
/// A wrong key written to the store while the previous key is still enabled must not take the fleet down
/// (issue 14, item 5): the client falls back to the previous credentials, health says Degraded, and the store is
/// read again on schedule.
/// </summary>
public sealed class RejectedRotationTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly TimeSpan PastNextRefresh = TimeSpan.FromMinutes(6);

    private static async Task<HealthCheckResult> CheckAsync(ICloudinaryCredentialProvider provider)
    {
        var check = new CloudinaryCredentialsHealthCheck(provider);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("c", check, HealthStatus.Unhealthy, null) };
        return await check.CheckHealthAsync(context, Ct);
    }

    private static async Task<int> CallManyAsync(CloudinaryClient client, int rounds)
    {
        var failed = 0;
        for (var i = 0; i < rounds; i++)
        {
            try
            {
                await client.PingAsync(Ct);
                await client.UploadAsync(UploadRequest.FromDataUri("data:,x"), Ct);
            }
            catch (CloudinaryApiException)
            {
                failed++;
            }
        }

        return failed;
    }

    [Fact]
    public async Task WrongKeyInTheStore_PreviousStillEnabled_NoFailedCallsDegradedUntilAGoodKeyIsStored()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        var old = emulator.Credentials;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = new ScriptedCredentialSource(new CredentialSnapshot(old, "1"));
        var logger = new FakeLogger<CloudinaryCredentialProvider>();
        using var provider = new CloudinaryCredentialProvider(source, logger, new SecureCloudinaryOptions(), time) { Jitter = () => 0.5 };
        using var http = new HttpClient();
        var client = new CloudinaryClient(http, provider, new CloudinaryClientOptions { ApiBaseAddress = emulator.BaseAddress });
        await client.PingAsync(Ct);

        var wrong = new CloudinaryCredentials(old.CloudName, "999999999999999", LifecycleKit.Sentinel + "-wrong");
        source.Next = new CredentialSnapshot(wrong, "2");
        time.Advance(PastNextRefresh); // the scheduled refresh reads the wrong key
        Assert.Equal(wrong, provider.Current!.Snapshot.Credentials);

        Assert.Equal(0, await CallManyAsync(client, 5));
        Assert.All(emulator.Assets, a => Assert.Equal(old.ApiKey, a.UploadedWithApiKey));
        Assert.Equal(old, (await provider.GetSnapshotAsync(Ct)).Credentials);
        var health = await CheckAsync(provider);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(old.Fingerprint, health.Data["fingerprint"]);
        Assert.Equal(wrong.Fingerprint, health.Data["rejectedFingerprint"]);
        Assert.Contains(wrong.Fingerprint, health.Description, StringComparison.Ordinal);
        var rejectedEvent = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 1020);
        Assert.Equal(LogLevel.Warning, rejectedEvent.Level);
        Assert.Contains(old.Fingerprint, rejectedEvent.Message, StringComparison.Ordinal);
        Assert.Contains(wrong.Fingerprint, rejectedEvent.Message, StringComparison.Ordinal);

        // The store still holds the wrong key at the next scheduled refresh: the previous key stays pinned.
        var reads = source.Calls;
        time.Advance(PastNextRefresh);
        Assert.True(source.Calls > reads);
        Assert.Equal(0, await CallManyAsync(client, 2));
        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(provider)).Status);

        // A good key is stored: adopted at the next scheduled refresh.
        var good = emulator.AddApiKey();
        source.Next = new CredentialSnapshot(good, "3");
        time.Advance(PastNextRefresh);
        Assert.Equal(0, await CallManyAsync(client, 2));
        Assert.Equal(good.ApiKey, emulator.Assets[^1].UploadedWithApiKey);
        var healed = await CheckAsync(provider);
        Assert.Equal(HealthStatus.Healthy, healed.Status);
        Assert.Equal(good.Fingerprint, healed.Data["fingerprint"]);
        Assert.False(healed.Data.ContainsKey("rejectedFingerprint"));
    }

    [Fact]
    public async Task PinnedPreviousKeyDisabledLater_TheOnceRejectedKeyIsTriedAgain()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        var old = emulator.Credentials;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = new ScriptedCredentialSource(new CredentialSnapshot(old, "1"));
        using var provider = new CloudinaryCredentialProvider(source, null, new SecureCloudinaryOptions(), time) { Jitter = () => 0.5 };
        using var http = new HttpClient();
        var client = new CloudinaryClient(http, provider, new CloudinaryClientOptions { ApiBaseAddress = emulator.BaseAddress });
        await client.PingAsync(Ct);
        var slow = new CloudinaryCredentials(old.CloudName, "888888888888888", LifecycleKit.Sentinel + "-slow");
        source.Next = new CredentialSnapshot(slow, "2");
        time.Advance(PastNextRefresh);
        await client.PingAsync(Ct); // 401 with the new key, the previous one works: pinned
        Assert.Equal(old, (await provider.GetSnapshotAsync(Ct)).Credentials);

        // The new key becomes known (it had not propagated) and the old one is disabled.
        emulator.AddApiKey(slow.ApiKey, slow.ApiSecret);
        emulator.DisableApiKey(old.ApiKey);
        time.Advance(TimeSpan.FromSeconds(11)); // past MinimumForcedRefreshInterval

        await client.PingAsync(Ct);

        Assert.Equal(slow, (await provider.GetSnapshotAsync(Ct)).Credentials);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(provider)).Status);
    }

    [Fact]
    public async Task NewKeyAcceptedThenRevoked_DoesNotFallBackToThePreviousKey()
    {
        await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: Ct);
        var old = emulator.Credentials;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = new ScriptedCredentialSource(new CredentialSnapshot(old, "1"));
        using var provider = new CloudinaryCredentialProvider(source, null, new SecureCloudinaryOptions(), time) { Jitter = () => 0.5 };
        using var http = new HttpClient();
        var client = new CloudinaryClient(http, provider, new CloudinaryClientOptions { ApiBaseAddress = emulator.BaseAddress });
        await client.PingAsync(Ct);
        var rotated = emulator.AddApiKey();
        source.Next = new CredentialSnapshot(rotated, "2");
        time.Advance(PastNextRefresh);
        await client.PingAsync(Ct); // accepted with the new key

        emulator.DisableApiKey(rotated.ApiKey); // revoked (say it leaked); the old key happens to be still enabled

        var e = await Assert.ThrowsAsync<CloudinaryApiException>(() => client.PingAsync(Ct));
        Assert.True(e.IsAuthenticationFailure);
        Assert.Equal(rotated, (await provider.GetSnapshotAsync(Ct)).Credentials);
    }
}
