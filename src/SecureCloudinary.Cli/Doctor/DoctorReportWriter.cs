using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>Renders a <see cref="DoctorReport"/> as one JSON object or as a few readable lines.</summary>
internal static class DoctorReportWriter
{
    /// <summary>Renders the report as a single-line JSON object with exactly the documented fields.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text (no trailing newline).</returns>
    public static string ToJson(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps apostrophes and '+' readable; the output is never embedded in HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("source", report.Source);
            writer.WriteString("cloudName", report.CloudName);
            writer.WriteString("fingerprint", report.Fingerprint);
            writer.WriteString("apiKeyHint", report.ApiKeyHint);
            writer.WriteString("version", report.Version);
            writer.WriteString("ping", report.Ping);
            writer.WriteString("error", report.Error);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Renders the report as readable lines (without the error, which goes to standard error).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text, one field per line.</returns>
    public static string ToText(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, "Source", report.Source ?? "(unknown)");
        if (report.CloudName is not null)
        {
            Line(text, "Cloud name", report.CloudName);
            Line(text, "Fingerprint", report.Fingerprint ?? "(none)");
            Line(text, "API key", "..." + report.ApiKeyHint);
            Line(text, "Version", report.Version ?? "(none)");
        }

        Line(text, "Ping", report.Ping);
        if (report.ExitCode == ExitCodes.Ok)
        {
            text.Append(report.Ping == PingStatus.Ok
                ? "OK: credentials resolved and accepted by Cloudinary."
                : "OK: credentials resolved (not checked with Cloudinary).").Append('\n');
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(label).Append(':').Append(' ', 12 - label.Length).Append(value).Append('\n');
}
