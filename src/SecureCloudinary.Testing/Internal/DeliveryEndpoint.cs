using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// Delivery of stored assets: <c>GET /{cloud}/{resource_type}/{type}/[s--sig--/][transformations/][v123/]{public_id}[.format]</c>.
/// Signed URLs are verified; transformations are accepted but not applied (the original bytes are served).
/// </summary>
internal sealed class DeliveryEndpoint(EmulatorState state)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["png"] = "image/png", ["jpg"] = "image/jpeg", ["jpeg"] = "image/jpeg", ["gif"] = "image/gif",
        ["webp"] = "image/webp", ["svg"] = "image/svg+xml", ["avif"] = "image/avif", ["bmp"] = "image/bmp",
        ["mp4"] = "video/mp4", ["webm"] = "video/webm", ["pdf"] = "application/pdf", ["txt"] = "text/plain",
    };

    /// <summary>Serves the asset; <paramref name="info"/> receives the path to log with any signature masked.</summary>
    public async Task ServeAsync(HttpContext context, RequestInfo info)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            throw new EmulatorException(HttpStatusCode.MethodNotAllowed, $"Method {method} not allowed - use GET");
        }

        // The raw (still percent-encoded) path: the signature covers the URL as written.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? raw : raw[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 4)
        {
            throw new EmulatorException(HttpStatusCode.NotFound, "Resource not found");
        }

        var (resourceType, type) = (segments[1], segments[2]);
        var rest = segments[3..];
        var signed = DeliverySignatureVerifier.TryParseSegment(rest[0], out var signature);
        if (signed)
        {
            rest = rest[1..];
            info.LoggedPath = "/" + string.Join('/', segments[..3]) + "/s--(signature)--/" + string.Join('/', rest);
            if (rest.Length == 0 || !DeliverySignatureVerifier.Verify(
                    DeliverySignatureVerifier.StringToSign(rest), signature, state.Keys.EnabledSecrets()))
            {
                throw EmulatorException.Unauthorized("Invalid URL signature");
            }
        }
        else if (state.RequireSignedDeliveryUrls || type is "authenticated" or "private")
        {
            throw EmulatorException.Unauthorized("Unsigned delivery URL - this resource needs a signed URL");
        }

        var asset = Find(resourceType, type, rest) ?? throw new EmulatorException(HttpStatusCode.NotFound, "Resource not found");
        var content = state.Assets.ContentOf(asset)
            ?? throw new EmulatorException(HttpStatusCode.NotFound, "Resource not found - the emulator did not keep its bytes");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentTypes.GetValueOrDefault(asset.Format, "application/octet-stream");
        response.ContentLength = content.Length;
        response.Headers.ETag = "\"" + asset.ETag + "\"";
        response.Headers.XContentTypeOptions = "nosniff";
        if (HttpMethods.IsGet(method))
        {
            await response.Body.WriteAsync(content, context.RequestAborted).ConfigureAwait(false);
        }
    }

    // With a version segment everything after it is the public id; without one the id is the last segment.
    private EmulatedAsset? Find(string resourceType, string type, string[] segments)
    {
        if (segments.Length == 0)
        {
            return null;
        }

        var version = DeliverySignatureVerifier.VersionIndex(segments);
        var idSegments = version >= 0 ? segments[(version + 1)..] : segments[^1..];
        var id = string.Join('/', idSegments.Select(Uri.UnescapeDataString));
        var found = state.Assets.Find(resourceType, type, id);
        var dot = id.LastIndexOf('.');
        if (found is null && dot > id.LastIndexOf('/') + 1)
        {
            found = state.Assets.Find(resourceType, type, id[..dot]);
        }

        return found;
    }
}
