namespace SecureCloudinary.Testing.AwsSecretsManager;

/// <summary>A failure <see cref="SecretsManagerEmulator.InjectFault"/> makes the next authenticated requests return.</summary>
public enum SecretsManagerFault
{
    /// <summary>400 <c>ThrottlingException</c> "Rate exceeded".</summary>
    Throttle = 0,

    /// <summary>500 <c>InternalServiceError</c>.</summary>
    InternalError = 1,

    /// <summary>503 <c>ServiceUnavailable</c>.</summary>
    ServiceUnavailable = 2,

    /// <summary>502 with an HTML body, as a broken proxy answers.</summary>
    BadGateway = 3,

    /// <summary>Waits <see cref="SecretsManagerEmulatorOptions.SlowResponseDelay"/> (on the emulator's clock) before answering normally.</summary>
    Slow = 4,

    /// <summary>200 with a body that is not JSON.</summary>
    MalformedBody = 5,

    /// <summary>200 with a JSON body larger than 128 KiB.</summary>
    OversizedBody = 6,

    /// <summary>400 <c>AccessDeniedException</c>.</summary>
    AccessDenied = 7,

    /// <summary>400 <c>DecryptionFailure</c> (KMS refused to decrypt).</summary>
    DecryptionFailure = 8,

    /// <summary>400 <c>ExpiredTokenException</c>.</summary>
    ExpiredToken = 9,

    /// <summary>429 with <c>Retry-After: 30</c>, as a gateway or proxy in front of the service throttles.</summary>
    TooManyRequests = 10,

    /// <summary>200 with its headers and the first bytes of the body, then nothing until the client gives up (or <see cref="SecretsManagerEmulator.ClearFaults"/>).</summary>
    StallMidBody = 11,

    /// <summary>200 <c>text/html</c> with an HTML page, as a captive portal or a misrouted proxy answers.</summary>
    WrongContentType = 12,
}
