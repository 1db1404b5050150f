using Microsoft.AspNetCore.Http.HttpResults;
using SecureCloudinary;
using SecureCloudinary.Models;

namespace MinimalApi;

/// <summary>The sample's endpoints: sign a browser upload, upload on the server, build a signed delivery URL.</summary>
public static class ImageEndpoints
{
    /// <summary>The folder every upload of this sample goes to (signed, so a browser cannot change it).</summary>
    public const string Folder = "samples";

    /// <summary>The largest file <c>POST /images</c> accepts.</summary>
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    /// <summary>Maps <c>GET /upload-signature</c>, <c>POST /images</c> and <c>GET /images/{publicId}/url</c>.</summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/upload-signature", CreateUploadSignatureAsync);
        // Called by server-side clients with multipart/form-data; browsers of other sites are turned away by the
        // Origin check below instead of antiforgery tokens (the page itself uploads straight to Cloudinary).
        app.MapPost("/images", UploadAsync).DisableAntiforgery();
        app.MapGet("/images/{publicId}/url", BuildUrlAsync);
        return app;
    }

    // The server decides what is signed: the browser gets a signature for exactly these parameters and cannot
    // choose another folder or add options. The answer holds the API key (public), never the secret.
    private static async Task<Ok<UploadSignatureResponse>> CreateUploadSignatureAsync(
        CloudinaryClient cloudinary, CancellationToken cancellationToken)
    {
        var signature = await cloudinary.CreateUploadSignatureAsync(
            [new("folder", Folder), new("tags", "browser-upload")], cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UploadSignatureResponse(signature.CloudName, signature.ApiKey, signature.Timestamp,
            signature.Signature, signature.UploadUrl, signature.Parameters));
    }

    private static async Task<Results<Ok<ImageUploaded>, ProblemHttpResult>> UploadAsync(
        HttpContext context, CloudinaryClient cloudinary, CancellationToken cancellationToken)
    {
        if (!IsSameOriginOrNoOrigin(context.Request))
        {
            return TypedResults.Problem("Cross-origin uploads are not accepted.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem("Send the image as multipart/form-data in a field named 'file'.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (context.Request.ContentLength > MaxUploadBytes + (64 * 1024))
        {
            return TypedResults.Problem("The image is larger than 10 MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return TypedResults.Problem("Send the image as multipart/form-data in a field named 'file'.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (file.Length > MaxUploadBytes)
        {
            return TypedResults.Problem("The image is larger than 10 MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        await using var stream = file.OpenReadStream();
        var request = UploadRequest.FromStream(stream, Path.GetFileName(file.FileName));
        request.Folder = Folder;
        request.Tags = ["server-upload"];
        try
        {
            var result = await cloudinary.UploadAsync(request, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new ImageUploaded(result.PublicId, result.Version, result.Format, result.Bytes));
        }
        catch (CloudinaryApiException ex)
        {
            // The library's messages never contain a secret; the status tells the client whom to blame.
            return TypedResults.Problem("Cloudinary refused the upload: " + ex.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static async Task<Results<Ok<DeliveryUrlResponse>, ProblemHttpResult>> BuildUrlAsync(
        string publicId, string? format, CloudinaryClient cloudinary, CancellationToken cancellationToken)
    {
        // Routing leaves an encoded '/' (%2F) in the value: a public id in a folder arrives as "samples%2Fabc".
        publicId = publicId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

        // A raw file's public ID keeps its extension ("samples/notes.txt"): appending the format again would give
        // "notes.txt.txt".
        if (format is { Length: > 0 } && publicId.EndsWith("." + format, StringComparison.OrdinalIgnoreCase))
        {
            format = null;
        }

        try
        {
            var url = await cloudinary.BuildDeliveryUrlAsync(
                publicId, new DeliveryUrlOptions { Signed = true, Format = format }, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new DeliveryUrlResponse(url));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    // Browsers send Origin on cross-origin POSTs; non-browser clients usually send none.
    private static bool IsSameOriginOrNoOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
