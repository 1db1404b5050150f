using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// A minimal Kestrel host on <c>127.0.0.1</c> with a free port, answering every request with one handler. It neither
/// hooks Ctrl+C nor prints anything, sends no <c>Server</c> header and stops within five seconds. Shared by the emulators.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private LoopbackServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address Kestrel listens on, e.g. <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts a server.</summary>
    /// <param name="handler">Answers every request.</param>
    /// <param name="maxRequestBodySize">Kestrel's request body limit, or <see langword="null"/> for Kestrel's default.</param>
    /// <param name="certificate">A server certificate to listen with HTTPS, or <see langword="null"/> for plain HTTP.</param>
    /// <param name="requiredClientCertificate">
    /// With <paramref name="certificate"/>: the TLS handshake requires a client certificate and accepts only this one
    /// (compared by thumbprint); <see langword="null"/> asks for none.
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    public static async Task<LoopbackServer> StartAsync(
        RequestDelegate handler,
        long? maxRequestBodySize = null,
        X509Certificate2? certificate = null,
        X509Certificate2? requiredClientCertificate = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LoopbackServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (maxRequestBodySize is { } limit)
            {
                kestrel.Limits.MaxRequestBodySize = limit;
            }

            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null && requiredClientCertificate is not null)
                {
                    var expected = requiredClientCertificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
                    listen.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificate,
                        ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate,
                        ClientCertificateValidation = (presented, _, _) => string.Equals(
                            presented.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), expected, StringComparison.Ordinal),
                    });
                }
                else if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new LoopbackServer(app, new Uri(app.Urls.First()));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server (once) and releases it.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public ValueTask DisposeAsync() => StopAsync(beforeStop: null, state: null);

    /// <summary>
    /// Stops the server once (later calls do nothing): runs <paramref name="beforeStop"/> (e.g. releasing requests
    /// stalled by a fault, so the shutdown does not wait for them), stops and releases the server, then disposes
    /// <paramref name="state"/>.
    /// </summary>
    /// <param name="beforeStop">Runs before the server stops, or <see langword="null"/>.</param>
    /// <param name="state">The emulator's state to dispose after the server, or <see langword="null"/>.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask StopAsync(Action? beforeStop, IDisposable? state)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        beforeStop?.Invoke();
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            state?.Dispose();
        }
    }
}
