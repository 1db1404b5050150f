namespace SecureCloudinary.Testing.AwsSecretsManager;

/// <summary>
/// An error answer <see cref="SecretsManagerEmulator.ScriptError"/> makes the next authenticated requests return, with
/// any status, error code and message (e.g. a lower-case code, or a proxy echoing the request's headers).
/// </summary>
public sealed class ScriptedAwsError
{
    /// <summary>The HTTP status. Default 400.</summary>
    public int StatusCode { get; init; } = 400;

    /// <summary>The <c>__type</c> answered, e.g. <c>ThrottlingException</c>.</summary>
    public required string ErrorType { get; init; }

    /// <summary>The <c>Message</c> answered.</summary>
    public string Message { get; init; } = "Scripted error.";

    /// <summary>
    /// When true, the message is followed by every request header, values included, as a misbehaving endpoint or
    /// proxy echoes them (the session token in <c>x-amz-security-token</c> among them).
    /// </summary>
    public bool EchoRequestHeaders { get; init; }

    /// <summary>A <c>Retry-After</c> header (whole seconds) to send, or null.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
