using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.FaultMatrix.Tests.Rigs;
using SecureCloudinary.Internal;

namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>
/// The app side of a cell: <c>AddSecureCloudinary</c> from configuration with the rig's source, the credentials
/// health check, a <see cref="FakeTimeProvider"/> driving refreshes, and fake logging for the leak check.
/// </summary>
internal sealed class MatrixHost : IAsyncDisposable
{
    /// <summary><c>Cloudinary:RefreshInterval</c> of every cell.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ServiceProvider _services;

    private MatrixHost(ServiceProvider services, FakeTimeProvider time)
    {
        _services = services;
        Time = time;
        Provider = services.GetRequiredService<ICloudinaryCredentialProvider>();
        Cache = (CloudinaryCredentialProvider)Provider;
        Client = services.GetRequiredService<CloudinaryClient>();
        Health = services.GetRequiredService<HealthCheckService>();
        Logs = services.GetFakeLogCollector();
    }

    public FakeTimeProvider Time { get; }

    public ICloudinaryCredentialProvider Provider { get; }

    public CloudinaryCredentialProvider Cache { get; }

    public CloudinaryClient Client { get; }

    public HealthCheckService Health { get; }

    public FakeLogCollector Logs { get; }

    public static MatrixHost Build(SourceRig rig, MatrixFault fault, Uri cloudinaryAddress, FakeTimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddFakeLogging();
        var builder = services.AddSecureCloudinary(configuration.GetSection("Cloudinary"));
        services.AddHealthChecks().AddSecureCloudinary();
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Cloudinary:Source"] = rig.Source,
            ["Cloudinary:ResolveOnStart"] = "false",
            ["Cloudinary:RefreshInterval"] = "00:01:00",
            ["Cloudinary:MaxStaleness"] = "01:00:00",
            ["Cloudinary:ApiBaseAddress"] = cloudinaryAddress.ToString(),
        };
        rig.Register(builder, settings, fault);
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        rig.Attach(configuration);
        return new MatrixHost(services.BuildServiceProvider(), time);
    }

    /// <summary>The credentials health check's entry.</summary>
    public async Task<HealthReportEntry> CheckAsync(CancellationToken cancellationToken)
    {
        var report = await Health.CheckHealthAsync(cancellationToken).WaitAsync(MatrixTimeouts.Hang, cancellationToken);
        return Assert.Single(report.Entries).Value;
    }

    /// <summary>
    /// Waits (bounded in real time) for a refresh a timer started and returns the error it failed with (null when it
    /// succeeded or none was running); a <see cref="TimeoutException"/> means a hang.
    /// </summary>
    public async Task<CloudinaryCredentialException?> AwaitPendingRefreshAsync(CancellationToken cancellationToken)
    {
        if (Cache.PendingRefresh is { } flight)
        {
            try
            {
                await flight.WaitAsync(MatrixTimeouts.Hang, cancellationToken);
            }
            catch (CloudinaryCredentialException e)
            {
                return e;
            }
        }

        return null;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
