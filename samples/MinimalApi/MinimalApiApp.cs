using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SecureCloudinary;
using SecureCloudinary.Testing;

namespace MinimalApi;

/// <summary>
/// The web sample: <c>AddSecureCloudinary</c>, a credentials health check at <c>/health</c> (JSON, with the key fingerprint in use), the image endpoints and
/// the static upload page. With no account configured it starts the loopback <see cref="CloudinaryEmulator"/>
/// (which then also serves delivered images) and points the app at it.
/// </summary>
public sealed class MinimalApiApp : IAsyncDisposable
{
    private MinimalApiApp(WebApplication app, CloudinaryEmulator? emulator)
    {
        App = app;
        Emulator = emulator;
    }

    /// <summary>The built web application (not started).</summary>
    public WebApplication App { get; }

    /// <summary>The emulator the app runs against, or <see langword="null"/> when a real account is configured.</summary>
    public CloudinaryEmulator? Emulator { get; }

    /// <summary>Configures and builds the app.</summary>
    /// <param name="builder">The builder from <c>WebApplication.CreateBuilder(args)</c>.</param>
    /// <param name="output">Where the one "using the emulator" line goes.</param>
    /// <param name="cancellationToken">Cancels starting the emulator.</param>
    /// <returns>The app, and the emulator when one was started; dispose it to stop both.</returns>
    public static async Task<MinimalApiApp> CreateAsync(
        WebApplicationBuilder builder, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(output);
        CloudinaryEmulator? emulator = null;
        try
        {
            if (!HasAccount(builder.Configuration))
            {
                // The emulator also plays the CDN, so the page can show the uploaded image through its signed URL.
                emulator = await CloudinaryEmulator.StartAsync(
                    new CloudinaryEmulatorOptions { ServeDeliveredAssets = true, RequireSignedDeliveryUrls = true },
                    cancellationToken).ConfigureAwait(false);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Cloudinary:Source"] = "Configuration",
                    ["Cloudinary:Url"] = emulator.Credentials.ToCloudinaryUrl(),
                });
                await output.WriteLineAsync(
                    $"No Cloudinary account configured: using a local Cloudinary emulator at {emulator.BaseAddress} (nothing leaves this machine).")
                    .ConfigureAwait(false);
            }

            // The two lines an app adds: the client with its credential source, and the credentials health check.
            builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
            builder.Services.AddHealthChecks().AddSecureCloudinary();

            var app = builder.Build();
            app.UseDefaultFiles();
            app.UseStaticFiles();
            // JSON with each check's data: the credentials check shows the key fingerprint in use, which
            // `secure-cloudinary rotate --wait-for <url>/health` and a fleet dashboard look for.
            app.MapHealthChecks("/health", new HealthCheckOptions
            {
                ResponseWriter = (context, report) =>
                {
                    context.Response.ContentType = SecureCloudinaryHealthResponseWriter.ContentType;
                    return SecureCloudinaryHealthResponseWriter.WriteAsync(context.Response.Body, report, context.RequestAborted);
                },
            });
            app.MapImageEndpoints();
            return new MinimalApiApp(app, emulator);
        }
        catch
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Whether configuration points at an account: <c>CLOUDINARY_URL</c> or <c>CLOUDINARY_CLOUD_NAME</c>,
    /// <c>Cloudinary:Url</c> or <c>Cloudinary:CloudName</c>, or an explicitly chosen <c>Cloudinary:Source</c>.
    /// </summary>
    /// <param name="configuration">The app configuration (environment variables included).</param>
    /// <returns>True to use the configured account; false to run against the emulator.</returns>
    public static bool HasAccount(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string[] keys = ["CLOUDINARY_URL", "CLOUDINARY_CLOUD_NAME", "Cloudinary:Url", "Cloudinary:CloudName", "Cloudinary:Source"];
        return Array.Exists(keys, key => !string.IsNullOrWhiteSpace(configuration[key]));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync().ConfigureAwait(false);
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
