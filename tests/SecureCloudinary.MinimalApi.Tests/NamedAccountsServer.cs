using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureCloudinary.Models;

namespace SecureCloudinary.MinimalApi.Tests;

/// <summary>
/// A minimal API at http://127.0.0.1:(free port) with two named Cloudinary accounts, <c>media</c> and <c>marketing</c>,
/// each read by the Configuration source from its own <c>Cloudinary:Accounts:{name}</c> section. Each upload endpoint
/// takes one account's client through <c>[FromKeyedServices]</c>; <c>/health</c> runs both accounts' checks.
/// </summary>
internal sealed class NamedAccountsServer : IAsyncDisposable
{
    public const string Media = "media";
    public const string Marketing = "marketing";

    private readonly WebApplication _app;

    private NamedAccountsServer(WebApplication app, FakeLogCollector logs, MetricCollector<long> refreshes)
    {
        _app = app;
        Logs = logs;
        Refreshes = refreshes;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/") };
    }

    public HttpClient Http { get; }

    /// <summary>Everything the app logged at Debug and above from SecureCloudinary, Warning and above otherwise.</summary>
    public FakeLogCollector Logs { get; }

    /// <summary>The <c>securecloudinary.credentials.refreshes</c> measurements since the app was built.</summary>
    public MetricCollector<long> Refreshes { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="mediaUrl">The <c>cloudinary://</c> URL of the media account.</param>
    /// <param name="marketingUrl">The <c>cloudinary://</c> URL of the marketing account.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<NamedAccountsServer> StartAsync(string mediaUrl, string marketingUrl, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });

        // Only these settings: a CLOUDINARY_URL or appsettings on the test machine must not change what is tested.
        ((IConfigurationBuilder)builder.Configuration).Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Cloudinary:Accounts:{Media}:Source"] = "Configuration",
            [$"Cloudinary:Accounts:{Media}:Url"] = mediaUrl,
            [$"Cloudinary:Accounts:{Marketing}:Source"] = "Configuration",
            [$"Cloudinary:Accounts:{Marketing}:Url"] = marketingUrl,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var logs = new FakeLogCollector();
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("SecureCloudinary", LogLevel.Debug);

        builder.Services.AddSecureCloudinary(Media, builder.Configuration);
        builder.Services.AddSecureCloudinary(Marketing, builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddSecureCloudinaryAccount(Media)
            .AddSecureCloudinaryAccount(Marketing)
            .AddSecureCloudinaryAccountPing(Media)
            .AddSecureCloudinaryAccountPing(Marketing);

        var app = builder.Build();
        app.MapPost($"/{Media}/images", ([FromKeyedServices(Media)] CloudinaryClient cloudinary, HttpRequest request, CancellationToken ct) =>
            UploadAsync(cloudinary, request, ct));
        app.MapPost($"/{Marketing}/images", ([FromKeyedServices(Marketing)] CloudinaryClient cloudinary, HttpRequest request, CancellationToken ct) =>
            UploadAsync(cloudinary, request, ct));
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = SecureCloudinaryHealthResponseWriter.ContentType;
                return SecureCloudinaryHealthResponseWriter.WriteAsync(context.Response.Body, report, context.RequestAborted);
            },
        });

        // Listens to the app's own meter factory only, so other tests running at the same time are not counted.
        var refreshes = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "SecureCloudinary", "securecloudinary.credentials.refreshes");
        try
        {
            await app.StartAsync(cancellationToken);
            return new NamedAccountsServer(app, logs, refreshes);
        }
        catch
        {
            refreshes.Dispose();
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Refreshes.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    // Uploads the request body (an image) and answers with the public id and the delivery URL's host path.
    private static async Task<IResult> UploadAsync(CloudinaryClient cloudinary, HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        body.Position = 0;
        var uploaded = await cloudinary.UploadAsync(UploadRequest.FromStream(body, "upload.png"), cancellationToken);
        return Results.Ok(new { uploaded.PublicId, SecureUrl = uploaded.SecureUrl?.ToString() });
    }
}
