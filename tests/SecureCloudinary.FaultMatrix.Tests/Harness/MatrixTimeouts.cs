namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>Real-time bounds: the only wall-clock waits of the matrix, with margins for a loaded machine.</summary>
internal static class MatrixTimeouts
{
    /// <summary>
    /// The store request timeout in cells that need one to fire (no answer, stalled body). Healthy requests of those
    /// cells (the warm phase's first read, every recovery) run under it too, so it is far above a loopback round
    /// trip on a 2-core machine at load average 10 (tens of milliseconds); the cells run no store retries, so a
    /// phase waits for it once.
    /// </summary>
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(3);

    /// <summary>The store request timeout everywhere else (never reached on loopback).</summary>
    public static readonly TimeSpan Normal = TimeSpan.FromSeconds(30);

    /// <summary>How long a phase may wait for a source before the cell is reported as a hang.</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    public static TimeSpan For(MatrixFault fault) => MatrixFaults.NeedsShortTimeout(fault) ? Short : Normal;

    /// <summary>The store retries of a cell: none where each attempt waits <see cref="Short"/>, else <paramref name="normal"/>.</summary>
    public static int Retries(MatrixFault fault, int normal) => MatrixFaults.NeedsShortTimeout(fault) ? 0 : normal;
}
