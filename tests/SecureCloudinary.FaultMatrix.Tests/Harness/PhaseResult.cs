namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>What one phase (cold or warm) of one cell observed, rendered for the table.</summary>
/// <param name="Outcome">The outcome observed.</param>
/// <param name="Text">The table text for the fault column.</param>
/// <param name="Recovery">The table text for the recovery column.</param>
internal sealed record PhaseResult(Outcome Outcome, string Text, string Recovery)
{
    public static PhaseResult NotApplicable { get; } = new(Outcome.NotApplicable, "n/a", "n/a");
}
