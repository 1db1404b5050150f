using SecureCloudinary;
using SecureCloudinary.Models;

namespace QuickStart;

/// <summary>The sample's work: upload a generated PNG, print its signed delivery URL, destroy it.</summary>
public static class QuickStartFlow
{
    /// <summary>Runs the flow with a configured client.</summary>
    /// <param name="client">The client from DI.</param>
    /// <param name="output">Where the few result lines go.</param>
    /// <param name="emulatedCloud">The emulator's cloud name when the client talks to the local emulator, else null.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>0 when the image was uploaded and destroyed, else 1.</returns>
    public static async Task<int> RunAsync(CloudinaryClient client, TextWriter output, string? emulatedCloud, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);

        using var image = new MemoryStream(TinyPng.Create());
        var request = UploadRequest.FromStream(image, "quickstart.png");
        request.PublicId = "secure-cloudinary-quickstart-" + Guid.NewGuid().ToString("N")[..12];
        request.Tags = ["secure-cloudinary-quickstart"];
        var upload = await client.UploadAsync(request, cancellationToken).ConfigureAwait(false);
        var publicId = upload.PublicId ?? request.PublicId;
        await output.WriteLineAsync($"Uploaded {publicId} ({upload.Bytes} bytes, {upload.Format}).").ConfigureAwait(false);

        DestroyResult destroyed;
        try
        {
            var url = await client.BuildDeliveryUrlAsync(
                publicId,
                new DeliveryUrlOptions { Signed = true, Format = upload.Format, Version = upload.Version },
                cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Signed delivery URL: {url}").ConfigureAwait(false);
            if (emulatedCloud is not null)
            {
                await output.WriteLineAsync(
                    $"  (cloud '{emulatedCloud}' exists only in the local emulator: this URL shows the signed format but does not open; set CLOUDINARY_URL for one that does.)")
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            // Clean up even when building the URL failed, so the account is left as it was.
            destroyed = await client.DestroyAsync(publicId, cancellationToken: cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Destroyed {publicId}: {destroyed.Result}.").ConfigureAwait(false);
        }

        if (!destroyed.IsOk)
        {
            await output.WriteLineAsync("QuickStart failed: Cloudinary did not destroy the image.").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }
}
