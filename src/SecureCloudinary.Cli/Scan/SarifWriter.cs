using System.Text;
using System.Text.Json;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// SARIF 2.1.0 (<c>--format sarif</c>) for code-scanning dashboards: one run, the rules in
/// <c>tool.driver.rules</c>, one result per finding with the masked match as the region snippet, the fingerprint
/// in <c>partialFingerprints</c>, confidence (and commit, verification) in <c>properties</c>.
/// Levels: high → error, medium → warning, low → note.
/// </summary>
internal static class SarifWriter
{
    /// <summary>The fingerprint key in <c>partialFingerprints</c>.</summary>
    public const string FingerprintKey = "secureCloudinaryScan/v1";

    /// <summary>Serializes the report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The SARIF log as indented JSON.</returns>
    public static string ToJson(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            WriteTool(w);
            w.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                WriteResult(w, finding);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTool(Utf8JsonWriter w)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "secure-cloudinary");
        w.WriteString("informationUri", "https://github.com/securecloudinary/securecloudinary/blob/main/docs/cli.md");
        w.WriteString("semanticVersion", typeof(SarifWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        w.WriteStartArray("rules");
        foreach (var rule in ScanRule.All)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", rule.Name);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", rule.Description);
            w.WriteEndObject();
            w.WriteStartObject("help");
            w.WriteString("text", "Remove the secret from the file, rotate it in the Cloudinary console (it is in the history), and load credentials with AddSecureCloudinary from the environment or a secret store.");
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", "error");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.Rule.Id);
        w.WriteNumber("ruleIndex", ScanRule.All.ToList().IndexOf(f.Rule));
        w.WriteString("level", f.Confidence switch { Confidence.High => "error", Confidence.Medium => "warning", _ => "note" });
        w.WriteStartObject("message");
        w.WriteString("text", $"Hardcoded Cloudinary API secret ({TextReportWriter.Name(f.Confidence)} confidence): {f.MaskedText}");
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", Uri.EscapeDataString(f.Path).Replace("%2F", "/", StringComparison.Ordinal));
        w.WriteString("uriBaseId", "%SRCROOT%");
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", f.Line);
        w.WriteNumber("startColumn", f.Column);
        w.WriteStartObject("snippet");
        w.WriteString("text", f.MaskedText);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintKey, f.Fingerprint);
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteString("confidence", TextReportWriter.Name(f.Confidence));
        if (f.Commit is not null)
        {
            w.WriteString("commit", f.Commit);
        }

        if (f.Verification is { } verification)
        {
            w.WriteString("verification", verification.Status.ToString().ToLowerInvariant());
            w.WriteString("verificationDetail", verification.Detail);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
