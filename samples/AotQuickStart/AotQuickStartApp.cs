using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCloudinary;
using SecureCloudinary.Models;

namespace AotQuickStart;

/// <summary>
/// The Native AOT sample: <c>AddSecureCloudinary</c> with the credentials in configuration, then one upload of a
/// generated PNG through <see cref="CloudinaryClient"/>.
/// </summary>
public static class AotQuickStartApp
{
    /// <summary>Runs the sample.</summary>
    /// <param name="builder">The host builder (<c>Host.CreateApplicationBuilder(args)</c> in Program.cs).</param>
    /// <param name="output">Where the result line goes.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>0 when the image was uploaded, else 1 (with a one-line reason that holds no secret).</returns>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(output);

        // Keep the console to the sample's one line; set Logging__LogLevel__Default=Information to see the library's logs.
        builder.Logging.SetMinimumLevel(LogLevel.None);
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));

        try
        {
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false); // validates settings, loads credentials
            try
            {
                var provider = host.Services.GetRequiredService<ICloudinaryCredentialProvider>();
                var snapshot = await provider.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);

                var client = host.Services.GetRequiredService<CloudinaryClient>();
                using var image = new MemoryStream(QuickStart.TinyPng.Create());
                var request = UploadRequest.FromStream(image, "aot-quickstart.png");
                request.PublicId = "secure-cloudinary-aot-" + Guid.NewGuid().ToString("N")[..12];
                var upload = await client.UploadAsync(request, cancellationToken).ConfigureAwait(false);

                await output.WriteLineAsync(
                    $"Uploaded {upload.PublicId ?? request.PublicId} with key {snapshot.Credentials.Fingerprint} ({upload.Bytes} bytes, {upload.Format}).")
                    .ConfigureAwait(false);
                return 0;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (Describe(ex) is { } reason)
        {
            await output.WriteLineAsync("AotQuickStart failed: " + reason).ConfigureAwait(false);
            return 1;
        }
    }

    // Messages of these exceptions are written to hold no secret; anything else is shown by type only.
    private static string? Describe(Exception ex) => ex switch
    {
        OperationCanceledException => null,
        CloudinaryApiException api => api.StatusCode is { } status
            ? $"Cloudinary answered HTTP {(int)status}: {api.Message}"
            : api.Message,
        CloudinaryCredentialException source => $"credential source failed ({source.Reason}): {source.Message}",
        OptionsValidationException options => "invalid configuration: " + options.Message,
        _ => $"unexpected {ex.GetType().Name}. Run secure-cloudinary doctor to check the configuration.",
    };
}
