namespace SecureCloudinary.Cli.Scan;

/// <summary>What <c>--verify</c> learned about a finding.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="Detail">A plain sentence; never contains the secret.</param>
internal sealed record VerifyOutcome(VerifyStatus Status, string Detail);
