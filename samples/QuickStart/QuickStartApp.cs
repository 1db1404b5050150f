using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCloudinary;
using SecureCloudinary.Testing;

namespace QuickStart;

/// <summary>
/// The QuickStart app: a Generic Host with <c>AddSecureCloudinary</c>. With an account configured it uses it;
/// with nothing configured it starts the loopback <see cref="CloudinaryEmulator"/> and points the app at it.
/// </summary>
public static class QuickStartApp
{
    /// <summary>Runs the sample.</summary>
    /// <param name="builder">The host builder (<c>Host.CreateApplicationBuilder(args)</c> in Program.cs).</param>
    /// <param name="output">Where the few result lines go.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit code: 0 on success, 1 on failure (with a one-line reason).</returns>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(output);

        // Keep the console to the sample's own lines; failures are reported below in one line. To see the library's
        // logs, set Logging__LogLevel__Default=Information (configuration rules win over this default).
        builder.Logging.SetMinimumLevel(LogLevel.None);

        CloudinaryEmulator? emulator = null;
        try
        {
            if (!HasAccount(builder.Configuration))
            {
                emulator = await CloudinaryEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Cloudinary:Source"] = "Configuration",
                    ["Cloudinary:Url"] = emulator.Credentials.ToCloudinaryUrl(),
                });
                await output.WriteLineAsync(
                    $"No CLOUDINARY_URL set: using a local Cloudinary emulator at {emulator.BaseAddress} (nothing leaves this machine).")
                    .ConfigureAwait(false);
            }

            // The line an app adds to Program.cs.
            builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));

            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false); // validates settings, loads credentials
            try
            {
                var client = host.Services.GetRequiredService<CloudinaryClient>();
                return await QuickStartFlow.RunAsync(client, output, emulator?.CloudName, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (Describe(ex) is { } reason)
        {
            await output.WriteLineAsync("QuickStart failed: " + reason).ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
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

    // Messages of these exceptions are written to hold no secret; anything else is shown by type only.
    private static string? Describe(Exception ex) => ex switch
    {
        OperationCanceledException => null,
        CloudinaryApiException api when api.IsAuthenticationFailure =>
            $"Cloudinary rejected the credentials (HTTP 401): {api.Message}",
        CloudinaryApiException api => api.StatusCode is { } status
            ? $"Cloudinary answered HTTP {(int)status}: {api.Message}"
            : api.Message,
        CloudinaryCredentialException source =>
            $"credential source failed ({source.Reason}): {source.Message}",
        OptionsValidationException options => "invalid configuration: " + options.Message,
        _ => $"unexpected {ex.GetType().Name}. Run secure-cloudinary doctor to check the configuration.",
    };
}
