namespace SecureCloudinary.Testing;

/// <summary>
/// Transport-level failures the secret-store emulators (<see cref="Vault.VaultEmulator"/>,
/// <see cref="Conjur.ConjurEmulator"/>) inject with their <c>InjectFault</c> method, on top of the plain status
/// codes of <c>FailNextRequests</c>.
/// </summary>
public enum EmulatedHttpFault
{
    /// <summary>Accepts the request and never answers, until the client gives up or the faults are cleared.</summary>
    StallBeforeHeaders = 0,

    /// <summary>200 with its headers and the first bytes of a JSON body, then nothing more (until the client gives up or the faults are cleared).</summary>
    StallMidBody = 1,

    /// <summary>200 <c>application/json</c> with a body cut off in the middle of a JSON string.</summary>
    MalformedJson = 2,

    /// <summary>200 <c>application/json</c> with a 1 MiB body, far over any client's cap.</summary>
    OversizedBody = 3,

    /// <summary>200 <c>text/html</c> with an HTML page, as a captive portal or a misrouted proxy answers.</summary>
    WrongContentType = 4,

    /// <summary>429 with <c>Retry-After: 30</c> and a JSON error body.</summary>
    TooManyRequests = 5,
}
