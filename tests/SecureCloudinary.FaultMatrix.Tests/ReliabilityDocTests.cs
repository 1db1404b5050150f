using SecureCloudinary.FaultMatrix.Tests.Harness;

namespace SecureCloudinary.FaultMatrix.Tests;

public sealed class ReliabilityDocTests
{
    [Fact]
    public void ReplaceSection_OtherGeneratedSections_AreKeptAndOnlyTheMatrixChanges()
    {
        var document = "# Reliability\n\n<!-- soak:begin -->\nsoak figures\n<!-- soak:end -->\n\n"
            + ReliabilityDoc.Begin + "\nold table\n" + ReliabilityDoc.End + "\n\n## Notes\nhand-written\n";

        var updated = ReliabilityDoc.ReplaceSection(document, "new table\n");
        var again = ReliabilityDoc.ReplaceSection(updated, "new table\n");

        Assert.Contains("<!-- soak:begin -->\nsoak figures\n<!-- soak:end -->", updated, StringComparison.Ordinal);
        Assert.Contains(ReliabilityDoc.Begin + "\nnew table\n" + ReliabilityDoc.End, updated, StringComparison.Ordinal);
        Assert.DoesNotContain("old table", updated, StringComparison.Ordinal);
        Assert.EndsWith("## Notes\nhand-written\n", updated, StringComparison.Ordinal);
        Assert.Equal(updated, again);
    }

    [Fact]
    public void ReplaceSection_NoMarkersOrNoFile_AppendsOrCreatesTheSection()
    {
        var appended = ReliabilityDoc.ReplaceSection("# Reliability\n\n<!-- soak:begin -->\nx\n<!-- soak:end -->\n", "table");
        var created = ReliabilityDoc.ReplaceSection(null, "table");

        Assert.StartsWith("# Reliability\n\n<!-- soak:begin -->\nx\n<!-- soak:end -->\n\n" + ReliabilityDoc.Begin, appended, StringComparison.Ordinal);
        Assert.StartsWith("# Reliability", created, StringComparison.Ordinal);
        Assert.EndsWith(ReliabilityDoc.Begin + "\ntable\n" + ReliabilityDoc.End + "\n", created, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EveryRow_HasOneLineWithSixColumns()
    {
        MatrixRow[] rows =
        [
            new("A", MatrixFault.Http500, "x", new PhaseResult(Outcome.TypedError, "cold", "r"), new PhaseResult(Outcome.StaleDegraded, "warm", "r")),
            new("A", MatrixFault.Timeout, "—", PhaseResult.NotApplicable, PhaseResult.NotApplicable),
        ];

        var text = ReliabilityDoc.Render(rows, ["A"]);
        var tableRows = text.Split('\n').Where(l => l.StartsWith("| A |", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, tableRows.Count);
        Assert.All(tableRows, l => Assert.Equal(7, l.Count(c => c == '|')));
        Assert.Contains("| A | HTTP 500 | x | cold | warm | r |", text, StringComparison.Ordinal);
    }
}
