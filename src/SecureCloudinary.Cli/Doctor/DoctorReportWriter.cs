using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>Renders a <see cref="DoctorReport"/> as one JSON object or as a few readable lines.</summary>
internal static class DoctorReportWriter
{
    /// <summary>What requests to Cloudinary's Admin API are recorded as.</summary>
    public const string CloudinaryApiPurpose = "Cloudinary API";

    /// <summary>Renders the report as a single-line JSON object with exactly the documented fields (and <c>account</c> with --account).</summary>
    /// <param name="report">The report (already masked: see <see cref="DoctorReport.Redact"/>).</param>
    /// <returns>The JSON text (no trailing newline).</returns>
    public static string ToJson(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteObject(writer, report, withAccount: report.Account is not null, withExitCode: false);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writer options of every doctor JSON: relaxed escaping keeps apostrophes and '+' readable (never embedded in HTML).</summary>
    internal static JsonWriterOptions JsonOptions => new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one report's object: the documented fields, with <c>account</c> first and <c>exitCode</c> last when asked.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="report">The report (already masked).</param>
    /// <param name="withAccount">Write the <c>account</c> field (null for the unnamed configuration).</param>
    /// <param name="withExitCode">Write the report's <c>exitCode</c> (doctor --all).</param>
    internal static void WriteObject(Utf8JsonWriter writer, DoctorReport report, bool withAccount, bool withExitCode)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        if (withAccount)
        {
            writer.WriteString("account", report.Account);
        }

        writer.WriteString("source", report.Source);
        writer.WriteString("cloudName", report.CloudName);
        writer.WriteString("fingerprint", report.Fingerprint);
        writer.WriteString("apiKeyHint", report.ApiKeyHint);
        writer.WriteString("version", report.Version);
        writer.WriteString("ping", report.Ping);
        writer.WriteString("error", report.Error);
        writer.WriteStartArray("endpoints");
        foreach (var origin in report.Endpoints.Select(e => e.Origin).Distinct(StringComparer.Ordinal))
        {
            writer.WriteStringValue(origin);
        }

        writer.WriteEndArray();
        if (withExitCode)
        {
            writer.WriteNumber("exitCode", report.ExitCode);
        }

        writer.WriteEndObject();
    }

    /// <summary>Renders the report as readable lines (without the error, which goes to standard error).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text, one field per line.</returns>
    public static string ToText(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        if (report.Account is not null)
        {
            Line(text, "Account", report.Account);
        }

        Line(text, "Source", report.Source ?? "(unknown)");
        if (report.CloudName is not null)
        {
            Line(text, "Cloud name", report.CloudName);
            Line(text, "Fingerprint", report.Fingerprint ?? "(none)");
            Line(text, "API key", "..." + report.ApiKeyHint);
            Line(text, "Version", report.Version ?? "(none)");
        }

        Line(text, "Ping", report.Ping);
        Line(text, "Contacted", report.Endpoints.Count == 0
            ? "(no host)"
            : string.Join(", ", report.Endpoints.Select(e => $"{e.Origin} ({e.Purpose})")));
        if (report.ExitCode == ExitCodes.Ok)
        {
            text.Append(report.Ping == PingStatus.Ok
                ? $"OK: credentials resolved and accepted by {DescribeApiHost(report)}."
                : "OK: credentials resolved (not checked with Cloudinary).").Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Who accepted the ping: "Cloudinary" only for Cloudinary's own hosts; a loopback host is an emulator or a
    /// proxy, any other host is named as it is.
    /// </summary>
    private static string DescribeApiHost(DoctorReport report)
    {
        var origin = report.Endpoints.LastOrDefault(e => e.Purpose == CloudinaryApiPurpose).Origin;
        if (origin is null || !Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return "the API host";
        }

        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        if (uri.Scheme == Uri.UriSchemeHttps
            && uri.Host.EndsWith(".cloudinary.com", StringComparison.OrdinalIgnoreCase))
        {
            return $"Cloudinary ({host})";
        }

        return uri.IsLoopback
            ? $"the emulator or proxy at {host} (a loopback address, not Cloudinary)"
            : $"{host} (not a Cloudinary host)";
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(label).Append(':').Append(' ', Math.Max(1, 12 - label.Length)).Append(value).Append('\n');
}
