using System.Text;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Writes the response (or the lack of one) for an <see cref="EmulatedHttpFault"/>. Bodies hold no secret.</summary>
internal static class HttpFaultResponder
{
    /// <summary>The size of <see cref="EmulatedHttpFault.OversizedBody"/> bodies.</summary>
    public const int OversizedBodyBytes = 1024 * 1024;

    /// <summary>The <c>Retry-After</c> of <see cref="EmulatedHttpFault.TooManyRequests"/>, in seconds.</summary>
    public const int RetryAfterSeconds = 30;

    private const string StalledBodyStart = "{\"data\":{\"value\":\"";

    /// <summary>Answers <paramref name="fault"/>; stalls end when the client aborts or <paramref name="release"/> fires.</summary>
    public static async Task WriteAsync(HttpContext context, EmulatedHttpFault fault, string jsonContentType, CancellationToken release)
    {
        var response = context.Response;
        switch (fault)
        {
            case EmulatedHttpFault.StallBeforeHeaders:
                await StallAsync(context, release).ConfigureAwait(false);
                break;
            case EmulatedHttpFault.StallMidBody:
                var start = Encoding.UTF8.GetBytes(StalledBodyStart);
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = jsonContentType;
                response.ContentLength = start.Length + 4096;
                await response.Body.WriteAsync(start, context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                await StallAsync(context, release).ConfigureAwait(false);
                break;
            case EmulatedHttpFault.MalformedJson:
                await WriteTextAsync(response, StatusCodes.Status200OK, jsonContentType, "{\"data\":{\"data\":{\"api_key\":\"12").ConfigureAwait(false);
                break;
            case EmulatedHttpFault.OversizedBody:
                var padding = new StringBuilder(OversizedBodyBytes + 32).Append("{\"padding\":\"").Append('x', OversizedBodyBytes).Append("\"}");
                await WriteTextAsync(response, StatusCodes.Status200OK, jsonContentType, padding.ToString()).ConfigureAwait(false);
                break;
            case EmulatedHttpFault.WrongContentType:
                await WriteTextAsync(response, StatusCodes.Status200OK, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action=\"/login\"></form></body></html>").ConfigureAwait(false);
                break;
            case EmulatedHttpFault.TooManyRequests:
                response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteTextAsync(response, StatusCodes.Status429TooManyRequests, "application/json", "{\"errors\":[\"rate limit exceeded\"]}").ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault));
        }
    }

    private static async Task StallAsync(HttpContext context, CancellationToken release)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, release);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the fault was cleared.
        }

        // Never complete a stalled response normally: drop the connection.
        context.Abort();
    }

    private static async Task WriteTextAsync(HttpResponse response, int status, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}
