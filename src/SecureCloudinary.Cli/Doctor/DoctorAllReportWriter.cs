using System.Globalization;
using System.Text;
using System.Text.Json;
using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>Renders a <see cref="DoctorAllReport"/>: a table with one row per account, or one JSON object with an <c>accounts</c> array.</summary>
internal static class DoctorAllReportWriter
{
    private static readonly string[] Headers = ["ACCOUNT", "SOURCE", "CLOUD", "FINGERPRINT", "STATUS"];

    /// <summary>
    /// One JSON object on one line: <c>accounts</c> (each the single-account object plus <c>account</c>, null for the
    /// unnamed configuration, and <c>exitCode</c>), <c>warnings</c>, <c>error</c> and <c>exitCode</c>.
    /// </summary>
    /// <param name="report">The report (already masked).</param>
    /// <returns>The JSON text (no trailing newline).</returns>
    public static string ToJson(DoctorAllReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, DoctorReportWriter.JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("accounts");
            foreach (var account in report.Accounts)
            {
                DoctorReportWriter.WriteObject(writer, account, withAccount: true, withExitCode: true);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("warnings");
            foreach (var warning in report.Warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
            writer.WriteString("error", report.Error);
            writer.WriteNumber("exitCode", report.ExitCode);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A table (account, source, cloud, fingerprint, status), then the warnings and a summary line.</summary>
    /// <param name="report">The report (already masked).</param>
    /// <returns>The text; the accounts' errors go to standard error (see <see cref="Errors"/>).</returns>
    public static string ToText(DoctorAllReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Error is not null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        var rows = new List<string[]> { Headers };
        rows.AddRange(report.Accounts.Select(a => new[]
        {
            CliAccounts.Display(a.Account), a.Source ?? "-", a.CloudName ?? "-", a.Fingerprint ?? "-", Status(a),
        }));
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }

        foreach (var warning in report.Warnings)
        {
            text.Append("Warning: ").Append(warning).Append('\n');
        }

        var passed = report.Accounts.Count(a => a.ExitCode == ExitCodes.Ok);
        text.Append(passed == report.Accounts.Count ? "OK: " : "FAILED: ")
            .Append(CultureInfo.InvariantCulture, $"{passed} of {report.Accounts.Count} account(s) passed.").Append('\n');
        return text.ToString();
    }

    /// <summary>The error lines for standard error: one block per failed account, naming it, or the configuration error.</summary>
    /// <param name="report">The report (already masked).</param>
    /// <returns>The lines, possibly none.</returns>
    public static IEnumerable<string> Errors(DoctorAllReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Error is not null)
        {
            yield return "Error: " + report.Error;
            yield break;
        }

        foreach (var account in report.Accounts.Where(a => a.Error is not null))
        {
            var name = account.Account is null ? $"the unnamed configuration ({CliAccounts.RootSection})" : $"account '{account.Account}'";
            yield return $"Error in {name}: {account.Error}";
        }
    }

    private static string Status(DoctorReport report) => report.ExitCode switch
    {
        ExitCodes.Ok when report.Ping == PingStatus.Ok => "ok",
        ExitCodes.Ok => "ok (not pinged)",
        ExitCodes.ConfigurationError => "failed: configuration (exit 2)",
        ExitCodes.SourceFailed => "failed: source (exit 3)",
        var code => $"failed: Cloudinary (exit {code})",
    };
}
