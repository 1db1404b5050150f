namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>One source × fault row of the table.</summary>
internal sealed record MatrixRow(string Source, MatrixFault Fault, string InjectedAs, PhaseResult Cold, PhaseResult Warm);
