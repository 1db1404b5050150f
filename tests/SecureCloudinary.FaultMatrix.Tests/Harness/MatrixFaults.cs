namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>Labels of <see cref="MatrixFault"/> for the table.</summary>
internal static class MatrixFaults
{
    public static IReadOnlyList<MatrixFault> All { get; } = Enum.GetValues<MatrixFault>();

    /// <summary>Faults that need a network store; n/a for the Environment and Configuration sources.</summary>
    public static bool IsNetwork(MatrixFault fault) => fault is not (MatrixFault.SecretDeleted or MatrixFault.FieldRemoved
        or MatrixFault.MalformedSecretValue or MatrixFault.CloudinaryKeyRotated);

    /// <summary>Faults whose cells use a short real HTTP timeout.</summary>
    public static bool NeedsShortTimeout(MatrixFault fault) => fault is MatrixFault.Timeout or MatrixFault.StallMidBody;

    public static string Label(MatrixFault fault) => fault switch
    {
        MatrixFault.Http500 => "HTTP 500",
        MatrixFault.Http503 => "HTTP 503",
        MatrixFault.TooManyRequests => "HTTP 429 Too Many Requests",
        MatrixFault.ConnectionRefused => "connection refused",
        MatrixFault.Timeout => "timeout (no answer)",
        MatrixFault.StallMidBody => "stall mid-body",
        MatrixFault.MalformedJson => "truncated JSON",
        MatrixFault.OversizedBody => "body over the size cap",
        MatrixFault.WrongContentType => "wrong content type (HTML page)",
        MatrixFault.StoreTokenRevoked => "store token expired/revoked",
        MatrixFault.SecretDeleted => "secret deleted",
        MatrixFault.FieldRemoved => "api_secret field removed",
        MatrixFault.MalformedSecretValue => "malformed secret value",
        MatrixFault.CloudinaryKeyRotated => "Cloudinary key rotated, old key disabled",
        _ => fault.ToString(),
    };
}
