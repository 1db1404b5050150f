using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace SecureCloudinary.Cli.Tests.Rotate;

/// <summary>
/// An app built through <c>AddSecureCloudinary</c> that keeps pinging Cloudinary in the background, counting
/// failed calls, while a test runs <c>rotate</c>.
/// </summary>
internal sealed class AppInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _failures = [];
    private Task? _loop;
    private int _calls;

    private AppInstance(ServiceProvider services, FakeLogCollector logs)
    {
        _services = services;
        Logs = logs;
    }

    public FakeLogCollector Logs { get; }

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    public static async Task<AppInstance> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<ISecureCloudinaryBuilder, IServiceCollection> backends)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        var logs = new FakeLogCollector();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        var builder = services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));
        backends(builder, services);
        var app = new AppInstance(services.BuildServiceProvider(), logs);
        await app.Provider.GetSnapshotAsync(TestContext.Current.CancellationToken);
        return app;
    }

    public ICloudinaryCredentialProvider Provider => _services.GetRequiredService<ICloudinaryCredentialProvider>();

    /// <summary>Starts calling Cloudinary (ping) in a loop until <see cref="StopAfterAsync"/>.</summary>
    public void Start()
    {
        var client = _services.GetRequiredService<CloudinaryClient>();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await client.PingAsync(_stop.Token);
                    Interlocked.Increment(ref _calls);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref _calls);
                    lock (_failures)
                    {
                        _failures.Add(ex.GetType().Name + ": " + ex.Message);
                    }
                }

                await Task.Yield();
            }
        });
    }

    /// <summary>Lets the loop make at least <paramref name="moreCalls"/> further calls, then stops it.</summary>
    public async Task StopAfterAsync(int moreCalls)
    {
        var target = Calls + moreCalls;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Calls < target && DateTime.UtcNow < deadline && _loop is { IsCompleted: false })
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await _services.DisposeAsync();
        _stop.Dispose();
    }
}
