namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>What a cell is documented to do.</summary>
public enum Outcome
{
    /// <summary>The fault does not apply to the source.</summary>
    NotApplicable,

    /// <summary>Cold start: <see cref="CloudinaryCredentialException"/> naming a setting; health Unhealthy.</summary>
    TypedError,

    /// <summary>Warm refresh: the last good credentials keep being served; health Degraded.</summary>
    StaleDegraded,

    /// <summary>The source (or the client's forced refresh) absorbs the fault: fresh credentials, health Healthy.</summary>
    Absorbed,
}
