using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Internal;

namespace SecureCloudinary.Tests.Lifecycle;

/// <summary>A credential cache over a scripted source, a fake clock, a fake logger and an isolated meter factory.</summary>
internal sealed class LifecycleKit : IDisposable
{
    public const string Sentinel = "Sntl4Lifecycle9Secret";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public LifecycleKit(SecureCloudinaryOptions? options = null, Func<double>? jitter = null, CredentialSnapshot? first = null)
    {
        Time = new FakeTimeProvider(Start);
        Source = new ScriptedCredentialSource(first ?? Snap(1));
        Logger = new FakeLogger<CloudinaryCredentialProvider>();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        Provider = new CloudinaryCredentialProvider(Source, Logger, options, Time, MeterFactory) { Jitter = jitter ?? (() => 0.5) };
    }

    public FakeTimeProvider Time { get; }

    public ScriptedCredentialSource Source { get; }

    public FakeLogger<CloudinaryCredentialProvider> Logger { get; }

    public IMeterFactory MeterFactory { get; }

    public CloudinaryCredentialProvider Provider { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Credentials number <paramref name="n"/>: key and secret carry the same number, the secret the sentinel.</summary>
    public static CredentialSnapshot Snap(int n, string? version = "default", DateTimeOffset? expiresAt = null) =>
        new(new CloudinaryCredentials("demo", $"10000000000{n:D4}", $"{Sentinel}-{n}"), version == "default" ? $"v{n}" : version, expiresAt);

    public static CloudinaryCredentialException StoreDown() =>
        new("Scripted", CredentialFailureReason.Unavailable, "The store at 127.0.0.1:1 did not answer.", isTransient: true);

    public async Task<CredentialSnapshot> LoadAsync() => await Provider.GetSnapshotAsync(Ct);

    public void Dispose()
    {
        Provider.Dispose();
        _services.Dispose();
    }
}
