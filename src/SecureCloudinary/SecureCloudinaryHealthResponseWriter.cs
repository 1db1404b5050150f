using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureCloudinary;

/// <summary>
/// Writes a <see cref="HealthReport"/> as JSON: the overall status and, per check, its status, description,
/// duration, tags and data, so a fleet can be asked which key fingerprint each instance uses (the credentials
/// check's <c>fingerprint</c>). Written against <see cref="Stream"/> so the core package needs no ASP.NET Core; map it with
/// <c>app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = (context, report) =&gt; { context.Response.ContentType = SecureCloudinaryHealthResponseWriter.ContentType; return SecureCloudinaryHealthResponseWriter.WriteAsync(context.Response.Body, report, context.RequestAborted); } })</c>.
/// Exceptions are never written, and data values are written only when they are strings, numbers, booleans,
/// enums, times or durations: an object of another type, whose <c>ToString()</c> might carry a secret, is left out.
/// </summary>
public static class SecureCloudinaryHealthResponseWriter
{
    /// <summary>The content type of the response: <c>application/json; charset=utf-8</c>.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> as UTF-8 JSON.</summary>
    /// <param name="stream">Where to write, e.g. <c>HttpContext.Response.Body</c>; left open.</param>
    /// <param name="report">The report from the health check service.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the JSON has been written and flushed.</returns>
    public static async Task WriteAsync(Stream stream, HealthReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("totalDurationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 3));
        json.WriteStartObject("entries");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 3));
            json.WriteStartArray("tags");
            foreach (var tag in entry.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                WriteValue(json, key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case string s:
                json.WriteString(key, s);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
            case int or long or short or byte or uint or ushort or sbyte:
                json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                json.WriteNumber(key, u);
                break;
            case double or float or decimal:
                json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                json.WriteString(key, time);
                break;
            case DateTime time:
                json.WriteString(key, time);
                break;
            case TimeSpan span:
                json.WriteString(key, span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Enum e:
                json.WriteString(key, e.ToString());
                break;
            default:
                break; // Unknown types are left out: their ToString() may carry anything.
        }
    }
}
