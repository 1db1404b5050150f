namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>
/// What one phase (cold or warm) of one cell must do: the outcome and, for a failure, the
/// <see cref="CloudinaryCredentialException.Reason"/>, its <see cref="CloudinaryCredentialException.IsTransient"/> flag
/// and (cold only) the setting the message names. A cell asserts the observed phase equals this record.
/// </summary>
internal sealed record PhaseExpectation(Outcome Outcome, CredentialFailureReason? Reason = null, bool Transient = false, string? Setting = null)
{
    public static PhaseExpectation NotApplicable { get; } = new(Outcome.NotApplicable);

    public static PhaseExpectation Absorbed { get; } = new(Outcome.Absorbed);

    /// <summary>Cold start: a typed error naming <paramref name="setting"/>; health Unhealthy.</summary>
    public static PhaseExpectation Error(CredentialFailureReason reason, bool transient, string setting) =>
        new(Outcome.TypedError, reason, transient, setting);

    /// <summary>Warm refresh: the refresh fails with this reason, the last good key is served; health Degraded.</summary>
    public static PhaseExpectation Stale(CredentialFailureReason reason, bool transient) =>
        new(Outcome.StaleDegraded, reason, transient);

    public override string ToString() => Outcome switch
    {
        Outcome.TypedError => $"{Reason} ({(Transient ? "transient" : "not transient")}) naming {Setting}",
        Outcome.StaleDegraded => $"stale, refresh failed with {Reason} ({(Transient ? "transient" : "not transient")})",
        _ => Outcome.ToString(),
    };
}
