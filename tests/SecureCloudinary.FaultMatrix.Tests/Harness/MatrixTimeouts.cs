namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>Real-time bounds: the only wall-clock waits of the matrix.</summary>
internal static class MatrixTimeouts
{
    /// <summary>The store request timeout in cells that need one to fire; 300 ms keeps them quick on a busy machine.</summary>
    public static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    /// <summary>The store request timeout everywhere else (never reached on loopback).</summary>
    public static readonly TimeSpan Normal = TimeSpan.FromSeconds(10);

    /// <summary>How long a phase may wait for a source before the cell is reported as a hang.</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(8);

    public static TimeSpan For(MatrixFault fault) => MatrixFaults.NeedsShortTimeout(fault) ? Short : Normal;
}
