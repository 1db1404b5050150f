using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SecureCloudinary.Testing.Internal;

/// <summary>The Admin API endpoints the emulator supports (<c>ping</c>, <c>usage</c>), with HTTP Basic auth.</summary>
internal sealed class AdminEndpoints(EmulatorState state)
{
    public Task PingAsync(HttpContext context, RequestInfo info)
    {
        state.Authenticator.AuthenticateBasic(context.Request.Headers.Authorization, info);
        return WriteAdminAsync(context, writer => writer.WriteString("status", "ok"));
    }

    public Task UsageAsync(HttpContext context, RequestInfo info)
    {
        state.Authenticator.AuthenticateBasic(context.Request.Headers.Authorization, info);
        var last = (context.Request.Path.Value ?? string.Empty).TrimEnd('/').Split('/')[^1];
        if (DateOnly.TryParseExact(last, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var values = state.DailyUsage.TryGetValue(date, out var set) ? set : [0, 0, 0, 0];
            return WriteAdminAsync(context, writer =>
            {
                writer.WriteString("plan", "Emulated");
                writer.WriteString("last_updated", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteNumber("requests", values[0]);
                WriteUsageObject(writer, "bandwidth", values[1]);
                WriteUsageObject(writer, "transformations", values[2]);
                WriteUsageObject(writer, "storage", values[3]);
            });
        }

        return WriteAdminAsync(context, WriteUsage);
    }

    private Task WriteAdminAsync(HttpContext context, Action<Utf8JsonWriter> members)
    {
        var headers = context.Response.Headers;
        var reset = state.TimeProvider.GetUtcNow().AddHours(1);
        headers["X-FeatureRateLimit-Limit"] = "500";
        headers["X-FeatureRateLimit-Remaining"] = "499";
        headers["X-FeatureRateLimit-Reset"] = reset.ToString("r", CultureInfo.InvariantCulture);
        return JsonResponse.WriteAsync(context.Response, HttpStatusCode.OK, members);
    }

    private void WriteUsage(Utf8JsonWriter writer)
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

    private static void WriteUsageObject(Utf8JsonWriter writer, string name, long usage)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("usage", usage);
        writer.WriteEndObject();
    }
}
