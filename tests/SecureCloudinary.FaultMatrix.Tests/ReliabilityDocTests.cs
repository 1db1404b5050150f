using SecureCloudinary.FaultMatrix.Tests.Harness;
using SecureCloudinary.Reliability;

namespace SecureCloudinary.FaultMatrix.Tests;

public sealed class ReliabilityDocTests
{
    [Fact]
    public void CommittedFaultMatrix_IsTheTableTheCellsAssert()
    {
        if (ReliabilityDocs.RegenerationRequested)
        {
            Assert.Skip($"{ReliabilityDocs.RegenerateVariable}=1: the section is rewritten when every cell has passed.");
        }

        var committed = ReliabilityDocs.Committed(ReliabilityDoc.Section);

        Assert.NotNull(committed);
        Assert.True(
            ReliabilityDoc.Render().Trim('\n') == committed,
            $"docs/reliability.md's fault-matrix section differs from MatrixExpectations: run the matrix with {ReliabilityDocs.RegenerateVariable}=1 (see docs/reliability.md).");
    }

    [Fact]
    public void Expectations_PinEveryApplicableCellAndNoOther()
    {
        var applicable = MatrixFixture.Rigs.Select(create => create())
            .SelectMany(rig => MatrixFaults.All.Where(rig.Supports).Select(fault => (rig.Source, fault)))
            .ToHashSet();

        Assert.Equal(applicable.Order(), MatrixExpectations.Keys.Order());
        Assert.All(applicable, cell =>
        {
            Assert.NotEqual(Outcome.NotApplicable, MatrixExpectations.For(cell.Source, cell.fault, warm: false).Outcome);
            Assert.NotEqual(Outcome.NotApplicable, MatrixExpectations.For(cell.Source, cell.fault, warm: true).Outcome);
        });
    }

    [Fact]
    public void Expectations_FollowOneRuleForEveryNetworkStore()
    {
        MatrixFault[] storeProblems =
        [
            MatrixFault.Http500, MatrixFault.Http503, MatrixFault.TooManyRequests, MatrixFault.ConnectionRefused, MatrixFault.Timeout,
            MatrixFault.StallMidBody, MatrixFault.MalformedJson, MatrixFault.OversizedBody, MatrixFault.WrongContentType,
        ];
        foreach (var source in new[] { "AwsSecretsManager", "Vault", "Conjur" })
        {
            foreach (var fault in storeProblems)
            {
                Assert.Equal((CredentialFailureReason.Unavailable, true), Pair(MatrixExpectations.For(source, fault, warm: false)));
                Assert.Equal((CredentialFailureReason.Unavailable, true), Pair(MatrixExpectations.For(source, fault, warm: true)));
            }

            foreach (var fault in new[] { MatrixFault.FieldRemoved, MatrixFault.MalformedSecretValue })
            {
                Assert.Equal((CredentialFailureReason.InvalidSecret, false), Pair(MatrixExpectations.For(source, fault, warm: false)));
                Assert.Equal((CredentialFailureReason.InvalidSecret, false), Pair(MatrixExpectations.For(source, fault, warm: true)));
            }
        }

        static (CredentialFailureReason?, bool) Pair(PhaseExpectation e) => (e.Reason, e.Transient);
    }

    [Fact]
    public void Render_EveryRow_HasOneLineWithSixColumns()
    {
        var text = ReliabilityDoc.Render();
        var tableRows = text.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| source", StringComparison.Ordinal)).ToList();

        Assert.Equal(MatrixFixture.Rigs.Count * MatrixFaults.All.Count, tableRows.Count);
        Assert.All(tableRows, l => Assert.Equal(7, l.Count(c => c == '|')));
        Assert.Contains("| Vault | body over the size cap | `InjectFault(OversizedBody)` (1 MiB, cap 64 KiB) | `Unavailable` (transient), names `Cloudinary:Vault:MaxResponseBodyBytes`; Unhealthy |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_OtherSectionsAreKeptAndOnlyTheNamedOneChanges()
    {
        var document = "# Reliability\n\n<!-- soak:begin -->\nsoak figures\n<!-- soak:end -->\n\n"
            + "<!-- fault-matrix:begin -->\nold table\n<!-- fault-matrix:end -->\n\n## Notes\nhand-written\n";

        var updated = ReliabilityDocs.Replace(document, "fault-matrix", "new table\n");
        var again = ReliabilityDocs.Replace(updated, "fault-matrix", "new table\n");
        var appended = ReliabilityDocs.Replace("# Reliability\n", "fleet", "x");

        Assert.Contains("<!-- soak:begin -->\nsoak figures\n<!-- soak:end -->", updated, StringComparison.Ordinal);
        Assert.Contains("<!-- fault-matrix:begin -->\nnew table\n<!-- fault-matrix:end -->", updated, StringComparison.Ordinal);
        Assert.DoesNotContain("old table", updated, StringComparison.Ordinal);
        Assert.EndsWith("## Notes\nhand-written\n", updated, StringComparison.Ordinal);
        Assert.Equal(updated, again);
        Assert.Equal("# Reliability\n\n<!-- fleet:begin -->\nx\n<!-- fleet:end -->\n", appended);
    }
}
