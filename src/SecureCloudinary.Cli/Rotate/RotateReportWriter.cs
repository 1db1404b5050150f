using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecureCloudinary.Cli.Rotate;

/// <summary>Renders a <see cref="RotateReport"/> as one JSON object or as readable lines.</summary>
internal static class RotateReportWriter
{
    /// <summary>The JSON object: account (with --account only), source, cloudName, oldFingerprint, newFingerprint, storeVersion, oldKeyDisabled, steps, error.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Single-line JSON.</returns>
    public static string ToJson(RotateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (report.Account is not null)
            {
                writer.WriteString("account", report.Account);
            }

            writer.WriteString("source", report.Source);
            writer.WriteString("cloudName", report.CloudName);
            writer.WriteString("oldFingerprint", report.OldFingerprint);
            writer.WriteString("newFingerprint", report.NewFingerprint);
            writer.WriteString("storeVersion", report.StoreVersion);
            writer.WriteBoolean("oldKeyDisabled", report.OldKeyDisabled);
            writer.WriteStartArray("steps");
            foreach (var step in report.Steps)
            {
                writer.WriteStartObject();
                writer.WriteString("name", step.Name);
                writer.WriteString("status", step.Status);
                writer.WriteString("detail", step.Detail);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("error", report.Error);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Readable lines: one per step, then the instructions and a summary (the error goes to standard error).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string ToText(RotateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        if (report.Account is not null)
        {
            text.Append("Account: ").Append(report.Account).Append('\n');
        }

        foreach (var step in report.Steps)
        {
            text.Append('[').Append(step.Status).Append("] ").Append(step.Name).Append(": ").Append(step.Detail).Append('\n');
        }

        foreach (var line in report.Instructions)
        {
            text.Append(line).Append('\n');
        }

        if (report.ExitCode == RotateExitCodes.Ok && report.NewFingerprint is not null)
        {
            text.Append("OK: ").Append(report.Source).Append(" now serves key ").Append(report.NewFingerprint)
                .Append(report.OldKeyDisabled ? $"; the old key {report.OldFingerprint} is disabled." : $"; the old key {report.OldFingerprint} is still enabled.")
                .Append('\n');
        }

        return text.ToString();
    }
}
