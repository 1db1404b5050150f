namespace SecureCloudinary.Stress.Tests.Soak;

/// <summary>
/// What one worker call went through, recorded by <see cref="TornPairDetector"/> as the client asks for credentials
/// (the trace flows with the call through an <see cref="AsyncLocal{T}"/>).
/// </summary>
internal sealed class CallTrace
{
    private static readonly AsyncLocal<CallTrace?> CurrentCall = new();

    /// <summary>The trace of the call running on this async flow, if any.</summary>
    public static CallTrace? Current
    {
        get => CurrentCall.Value;
        set => CurrentCall.Value = value;
    }

    /// <summary>The API key of the last credentials handed to the call.</summary>
    public string? LastKey { get; set; }

    /// <summary>Forced refreshes the call asked for (after a 401).</summary>
    public int ForcedRefreshes { get; set; }

    /// <summary>Whether the last forced refresh handed back a key Cloudinary had already disabled.</summary>
    public bool ForcedRefreshReturnedDisabledKey { get; set; }

    /// <summary>Whether, when the last forced refresh returned, the store's latest read had met a fault.</summary>
    public bool ForcedRefreshAfterFaultedRead { get; set; }
}
