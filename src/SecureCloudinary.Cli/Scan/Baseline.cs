using System.Text;
using System.Text.Json;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Accepted findings, by fingerprint. The file is JSON: <c>{"version":1,"findings":[{"fingerprint":"…","rule":"CLD002",
/// "file":"src/app.py","line":3}]}</c>; only <c>fingerprint</c> is used for matching, the rest helps review. It
/// holds no secret: the fingerprint is a truncated SHA-256 over rule, file and secret.
/// </summary>
internal sealed class Baseline
{
    private readonly HashSet<string> _fingerprints;

    private Baseline(HashSet<string> fingerprints) => _fingerprints = fingerprints;

    /// <summary>True when the fingerprint is accepted.</summary>
    /// <param name="fingerprint">The fingerprint.</param>
    /// <returns>True when it is in the baseline.</returns>
    public bool Contains(string fingerprint) => _fingerprints.Contains(fingerprint);

    /// <summary>Reads a baseline file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The baseline.</returns>
    /// <exception cref="ScanUsageException">Missing or malformed.</exception>
    public static Baseline Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in document.RootElement.GetProperty("findings").EnumerateArray())
            {
                set.Add(item.GetProperty("fingerprint").GetString() ?? throw new FormatException());
            }

            return new Baseline(set);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScanUsageException($"--baseline: cannot read '{path}': {ex.GetType().Name}.", ex);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ScanUsageException($"--baseline: '{path}' is not a baseline file (expected {{\"version\":1,\"findings\":[{{\"fingerprint\":\"...\"}}]}}).", ex);
        }
    }

    /// <summary>Writes the findings as a baseline.</summary>
    /// <param name="path">The file.</param>
    /// <param name="findings">The findings to accept.</param>
    public static void Write(string path, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteStartArray("findings");
            foreach (var finding in findings.DistinctBy(f => f.Fingerprint))
            {
                writer.WriteStartObject();
                writer.WriteString("fingerprint", finding.Fingerprint);
                writer.WriteString("rule", finding.Rule.Id);
                writer.WriteString("file", finding.Path);
                writer.WriteNumber("line", finding.Line);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        File.WriteAllText(path, Encoding.UTF8.GetString(stream.ToArray()) + "\n");
    }
}
