using System.Net;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// Routes <c>/v1_1/{cloud}/…</c> API requests (and, when enabled, <c>/{cloud}/…</c> delivery requests), answers CORS
/// like Cloudinary, applies injected faults and records every request.
/// </summary>
internal sealed class EmulatorRequestHandler(EmulatorState state)
{
    private static readonly string[] ResourceTypes = ["image", "video", "raw", "auto"];
    private readonly UploadEndpoints _uploads = new(state);
    private readonly AdminEndpoints _admin = new(state);
    private readonly DeliveryEndpoint _delivery = new(state);
    private readonly ProvisioningEndpoints _provisioning = new(state);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var info = new RequestInfo
        {
            UploadId = NullIfEmpty(request.Headers["X-Unique-Upload-Id"]),
            ContentRange = NullIfEmpty(request.Headers.ContentRange),
        };
        string? error = null;
        Cors.AddHeaders(context.Response);

        // Cloudinary's clock, not the host's: a client can learn the offset from it after a "Stale request".
        context.Response.Headers.Date = state.TimeProvider.GetUtcNow().ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            if (HttpMethods.IsOptions(request.Method))
            {
                // A CORS preflight is answered without authentication or fault injection, as Cloudinary does.
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentLength = 0;
                return;
            }

            if (state.Faults.TryTake(out var injected, out var retryAfter))
            {
                if (retryAfter is { } wait)
                {
                    var headers = context.Response.Headers;
                    headers.RetryAfter = ((long)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    headers["X-FeatureRateLimit-Limit"] = "500";
                    headers["X-FeatureRateLimit-Remaining"] = "0";
                    headers["X-FeatureRateLimit-Reset"] = state.TimeProvider.GetUtcNow().Add(wait).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
                    throw new EmulatorException(injected, "Rate Limit Exceeded");
                }

                throw new EmulatorException(injected, $"Injected fault (HTTP {(int)injected})");
            }

            await RouteAsync(context, info).ConfigureAwait(false);
        }
        catch (EmulatorException ex)
        {
            error = ex.Message;
            await JsonResponse.WriteErrorAsync(context.Response, ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Malformed request";
            await TryWriteErrorAsync(context, (HttpStatusCode)ex.StatusCode, error).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            error = "Malformed form body";
            await TryWriteErrorAsync(context, HttpStatusCode.BadRequest, error).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            error = "Client closed the request";
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = 499;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // No secret can leak here: only the exception type is reported.
            error = $"Emulator error ({ex.GetType().Name})";
            await TryWriteErrorAsync(context, HttpStatusCode.InternalServerError, error).ConfigureAwait(false);
        }
        finally
        {
            state.Requests.Add(new EmulatedRequest(request.Method, info.LoggedPath ?? request.Path.Value ?? "/", context.Response.StatusCode,
                info.ApiKey, info.UploadId, info.ContentRange, error, state.TimeProvider.GetUtcNow()));
        }
    }

    private async Task RouteAsync(HttpContext context, RequestInfo info)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (state.ServeDelivery && segments.Length > 0 && string.Equals(segments[0], state.CloudName, StringComparison.Ordinal))
        {
            await _delivery.ServeAsync(context, info).ConfigureAwait(false);
            return;
        }

        if (segments.Length < 3 || segments[0] != "v1_1")
        {
            throw new EmulatorException(HttpStatusCode.NotFound, "Resource not found");
        }

        if (segments[1] == "provisioning")
        {
            await _provisioning.HandleAsync(context, segments[2..], info).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(segments[1], state.CloudName, StringComparison.OrdinalIgnoreCase))
        {
            throw EmulatorException.Unauthorized($"Invalid cloud_name {segments[1]}");
        }

        var method = context.Request.Method;
        switch (segments[2..])
        {
            case ["ping"]:
                RequireMethod(method, HttpMethods.Get);
                await _admin.PingAsync(context, info).ConfigureAwait(false);
                break;
            case ["usage"] or ["usage", _]:
                RequireMethod(method, HttpMethods.Get);
                await _admin.UsageAsync(context, info).ConfigureAwait(false);
                break;
            case [var resourceType, "upload"]:
                RequireMethod(method, HttpMethods.Post);
                await _uploads.UploadAsync(context, CheckResourceType(resourceType), info).ConfigureAwait(false);
                break;
            case [var resourceType, "destroy"]:
                RequireMethod(method, HttpMethods.Post);
                await _uploads.DestroyAsync(context, CheckResourceType(resourceType), info).ConfigureAwait(false);
                break;
            default:
                throw new EmulatorException(HttpStatusCode.NotFound, "Resource not found");
        }
    }

    private static void RequireMethod(string actual, string expected)
    {
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new EmulatorException(HttpStatusCode.MethodNotAllowed, $"Method {actual} not allowed - use {expected}");
        }
    }

    private static string CheckResourceType(string resourceType) => ResourceTypes.Contains(resourceType)
        ? resourceType
        : throw new EmulatorException(HttpStatusCode.NotFound, $"Invalid resource_type {resourceType}");

    private static async Task TryWriteErrorAsync(HttpContext context, HttpStatusCode status, string message)
    {
        if (!context.Response.HasStarted)
        {
            await JsonResponse.WriteErrorAsync(context.Response, status, message).ConfigureAwait(false);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
