using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Routes <c>/v1_1/{cloud}/…</c> requests, applies injected faults and records every request.</summary>
internal sealed class EmulatorRequestHandler(EmulatorState state)
{
    private static readonly string[] ResourceTypes = ["image", "video", "raw", "auto"];
    private readonly UploadEndpoints _uploads = new(state);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var info = new RequestInfo
        {
            UploadId = NullIfEmpty(request.Headers["X-Unique-Upload-Id"]),
            ContentRange = NullIfEmpty(request.Headers.ContentRange),
        };
        string? error = null;
        try
        {
            if (state.Faults.TryTake(out var injected))
            {
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
            error = "Malformed multipart body";
            await TryWriteErrorAsync(context, HttpStatusCode.BadRequest, error).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            error = "Client closed the request";
            context.Response.StatusCode = 499;
        }
        finally
        {
            state.Requests.Add(new EmulatedRequest(request.Method, request.Path.Value ?? "/", context.Response.StatusCode,
                info.ApiKey, info.UploadId, info.ContentRange, error, state.TimeProvider.GetUtcNow()));
        }
    }

    private async Task RouteAsync(HttpContext context, RequestInfo info)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || segments[0] != "v1_1")
        {
            throw new EmulatorException(HttpStatusCode.NotFound, "Resource not found");
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
                state.Authenticator.AuthenticateBasic(context.Request.Headers.Authorization, info);
                await WriteAdminAsync(context, writer => writer.WriteString("status", "ok")).ConfigureAwait(false);
                break;
            case ["usage"] or ["usage", _]:
                RequireMethod(method, HttpMethods.Get);
                state.Authenticator.AuthenticateBasic(context.Request.Headers.Authorization, info);
                await WriteAdminAsync(context, WriteUsage).ConfigureAwait(false);
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

    private Task WriteAdminAsync(HttpContext context, Action<System.Text.Json.Utf8JsonWriter> members)
    {
        var headers = context.Response.Headers;
        var reset = state.TimeProvider.GetUtcNow().AddHours(1);
        headers["X-FeatureRateLimit-Limit"] = "500";
        headers["X-FeatureRateLimit-Remaining"] = "499";
        headers["X-FeatureRateLimit-Reset"] = reset.ToString("r", CultureInfo.InvariantCulture);
        return JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, members);
    }

    private void WriteUsage(System.Text.Json.Utf8JsonWriter writer)
    {
        var (count, bytes) = state.Assets.Totals();
        writer.WriteString("plan", "Emulated");
        writer.WriteString("last_updated", state.TimeProvider.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteUsageObject(writer, "transformations", 0);
        WriteUsageObject(writer, "objects", count);
        WriteUsageObject(writer, "bandwidth", 0);
        WriteUsageObject(writer, "storage", bytes);
        WriteUsageObject(writer, "credits", 0);
        writer.WriteNumber("requests", state.Requests.Count);
        writer.WriteNumber("resources", count);
        writer.WriteNumber("derived_resources", 0);
    }

    private static void WriteUsageObject(System.Text.Json.Utf8JsonWriter writer, string name, long usage)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("usage", usage);
        writer.WriteEndObject();
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
