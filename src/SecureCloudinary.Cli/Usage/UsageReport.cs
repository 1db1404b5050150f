using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecureCloudinary.Cli.Usage;

/// <summary>What <c>usage</c> found, rendered as JSON or as a table with a compact chart. Never holds a secret.</summary>
internal sealed class UsageReport
{
    private static readonly char[] Bars = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

    public string? CloudName { get; set; }

    public List<UsageDay> Days { get; } = [];

    public string? Error { get; private set; }

    public int ExitCode { get; private set; }

    public void Fail(int exitCode, string message)
    {
        ExitCode = exitCode;
        Error = message;
    }

    public void Complete() => ExitCode = Days.Any(d => d.Flagged) ? UsageRunner.FlaggedExitCode : ExitCodes.Ok;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("cloudName", CloudName);
            w.WriteStartArray("days");
            foreach (var day in Days)
            {
                w.WriteStartObject();
                w.WriteString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteNumber("requests", day.Requests);
                w.WriteNumber("bandwidth", day.BandwidthBytes);
                w.WriteNumber("transformations", day.Transformations);
                w.WriteNumber("storage", day.StorageBytes);
                w.WriteBoolean("flagged", day.Flagged);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("error", Error);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string ToText()
    {
        var text = new StringBuilder();
        if (Days.Count == 0)
        {
            return string.Empty;
        }

        var max = Math.Max(1, Days.Max(d => d.Requests));
        text.Append("Requests per day (").Append(Days[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" .. ")
            .Append(Days[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("): ");
        foreach (var day in Days)
        {
            text.Append(Bars[(int)Math.Min(Bars.Length - 1, day.Requests * (Bars.Length - 1) / max)]);
        }

        text.Append('\n').Append("date        requests  bandwidth  transformations  storage\n");
        foreach (var day in Days)
        {
            text.Append(CultureInfo.InvariantCulture, $"{day.Date:yyyy-MM-dd}  {day.Requests,8}  {day.BandwidthBytes,9}  {day.Transformations,15}  {day.StorageBytes,7}")
                .Append(day.Flagged ? "  <- far above the trailing median" : string.Empty).Append('\n');
        }

        text.Append("Cloudinary reports usage per product environment, not per API key, and has no access log: ")
            .Append("see docs/cli.md#usage-was-a-leaked-key-used for where else to look.\n");
        return text.ToString();
    }
}
