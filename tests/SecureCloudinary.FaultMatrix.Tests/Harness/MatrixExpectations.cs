using static SecureCloudinary.CredentialFailureReason;
using static SecureCloudinary.FaultMatrix.Tests.Harness.MatrixFault;
using static SecureCloudinary.FaultMatrix.Tests.Harness.PhaseExpectation;

namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>
/// The pinned outcome of every applicable cell: the cells assert it, and the fault-matrix section of
/// <c>docs/reliability.md</c> is rendered from it (so the published table is exactly what the tests assert).
/// </summary>
/// <remarks>
/// One rule for every store: an answer the store should not have sent (a status the store uses for its own
/// trouble, no answer, a stalled or cut-off body, a body over the size cap, an HTML page instead of the store's
/// JSON) is <see cref="CredentialFailureReason.Unavailable"/> and transient: it is the store's (or a proxy's)
/// problem and may pass. A well-formed answer whose secret has the wrong shape is
/// <see cref="CredentialFailureReason.InvalidSecret"/> and not transient: retrying reads the same value.
/// A missing secret is <see cref="CredentialFailureReason.NotFound"/>, a refused identity
/// <see cref="CredentialFailureReason.AccessDenied"/>; neither is transient.
/// </remarks>
internal static class MatrixExpectations
{
    private const string Aws = "Cloudinary:AwsSecretsManager:";
    private const string Vault = "Cloudinary:Vault:";
    private const string Conjur = "Cloudinary:Conjur:";

    private static readonly Dictionary<(string Source, MatrixFault Fault), (PhaseExpectation Cold, PhaseExpectation Warm)> Cells = new()
    {
        [("Environment", SecretDeleted)] = (Error(NotFound, false, "CLOUDINARY_URL"), Stale(NotFound, false)),
        [("Environment", FieldRemoved)] = (Error(InvalidSecret, false, "CLOUDINARY_URL"), Stale(InvalidSecret, false)),
        [("Environment", MalformedSecretValue)] = (Error(InvalidSecret, false, "CLOUDINARY_URL"), Stale(InvalidSecret, false)),
        [("Environment", CloudinaryKeyRotated)] = (Absorbed, Absorbed),

        [("Configuration", SecretDeleted)] = (Error(NotFound, false, "Cloudinary:Url"), Stale(NotFound, false)),
        [("Configuration", FieldRemoved)] = (Error(InvalidSecret, false, "Cloudinary:Url"), Stale(InvalidSecret, false)),
        [("Configuration", MalformedSecretValue)] = (Error(InvalidSecret, false, "Cloudinary:Url"), Stale(InvalidSecret, false)),
        [("Configuration", CloudinaryKeyRotated)] = (Absorbed, Absorbed),

        [("AwsSecretsManager", Http500)] = (Error(Unavailable, true, Aws + "SecretId"), Stale(Unavailable, true)),
        [("AwsSecretsManager", Http503)] = (Error(Unavailable, true, Aws + "SecretId"), Stale(Unavailable, true)),
        [("AwsSecretsManager", TooManyRequests)] = (Error(Unavailable, true, Aws + "SecretId"), Stale(Unavailable, true)),
        [("AwsSecretsManager", ConnectionRefused)] = (Error(Unavailable, true, Aws + "ServiceUrl"), Stale(Unavailable, true)),
        [("AwsSecretsManager", MatrixFault.Timeout)] = (Error(Unavailable, true, Aws + "ServiceUrl"), Stale(Unavailable, true)),
        [("AwsSecretsManager", StallMidBody)] = (Error(Unavailable, true, Aws + "ServiceUrl"), Stale(Unavailable, true)),
        [("AwsSecretsManager", MalformedJson)] = (Error(Unavailable, true, Aws + "SecretId"), Stale(Unavailable, true)),
        [("AwsSecretsManager", OversizedBody)] = (Error(Unavailable, true, Aws + "SecretId"), Stale(Unavailable, true)),
        [("AwsSecretsManager", WrongContentType)] = (Error(Unavailable, true, Aws + "SecretId"), Stale(Unavailable, true)),
        [("AwsSecretsManager", StoreTokenRevoked)] = (Error(AccessDenied, false, Aws + "Profile"), Stale(AccessDenied, false)),
        [("AwsSecretsManager", SecretDeleted)] = (Error(NotFound, false, Aws + "SecretId"), Stale(NotFound, false)),
        [("AwsSecretsManager", FieldRemoved)] = (Error(InvalidSecret, false, Aws + "SecretId"), Stale(InvalidSecret, false)),
        [("AwsSecretsManager", MalformedSecretValue)] = (Error(InvalidSecret, false, Aws + "SecretId"), Stale(InvalidSecret, false)),
        [("AwsSecretsManager", CloudinaryKeyRotated)] = (Absorbed, Absorbed),

        [("Vault", Http500)] = (Error(Unavailable, true, Vault + "Address"), Stale(Unavailable, true)),
        [("Vault", Http503)] = (Error(Unavailable, true, Vault + "Address"), Stale(Unavailable, true)),
        [("Vault", TooManyRequests)] = (Error(Unavailable, true, Vault + "Address"), Stale(Unavailable, true)),
        [("Vault", ConnectionRefused)] = (Error(Unavailable, true, Vault + "Address"), Stale(Unavailable, true)),
        [("Vault", MatrixFault.Timeout)] = (Error(Unavailable, true, Vault + "Address"), Stale(Unavailable, true)),
        [("Vault", StallMidBody)] = (Error(Unavailable, true, Vault + "Address"), Stale(Unavailable, true)),
        [("Vault", MalformedJson)] = (Error(Unavailable, true, Vault + "Address"), Stale(Unavailable, true)),
        [("Vault", OversizedBody)] = (Error(Unavailable, true, Vault + "MaxResponseBodyBytes"), Stale(Unavailable, true)),
        [("Vault", WrongContentType)] = (Error(Unavailable, true, Vault + "Address"), Stale(Unavailable, true)),
        [("Vault", StoreTokenRevoked)] = (Error(AccessDenied, false, Vault + "Auth:RoleId"), Absorbed),
        [("Vault", SecretDeleted)] = (Error(NotFound, false, Vault + "MountPath"), Stale(NotFound, false)),
        [("Vault", FieldRemoved)] = (Error(InvalidSecret, false, Vault + "Path"), Stale(InvalidSecret, false)),
        [("Vault", MalformedSecretValue)] = (Error(InvalidSecret, false, Vault + "Path"), Stale(InvalidSecret, false)),
        [("Vault", CloudinaryKeyRotated)] = (Absorbed, Absorbed),

        [("Conjur", Http500)] = (Error(Unavailable, true, Conjur + "ApplianceUrl"), Stale(Unavailable, true)),
        [("Conjur", Http503)] = (Error(Unavailable, true, Conjur + "ApplianceUrl"), Stale(Unavailable, true)),
        [("Conjur", TooManyRequests)] = (Error(Unavailable, true, Conjur + "ApplianceUrl"), Stale(Unavailable, true)),
        [("Conjur", ConnectionRefused)] = (Error(Unavailable, true, Conjur + "ApplianceUrl"), Stale(Unavailable, true)),
        [("Conjur", MatrixFault.Timeout)] = (Error(Unavailable, true, Conjur + "ApplianceUrl"), Stale(Unavailable, true)),
        [("Conjur", StallMidBody)] = (Error(Unavailable, true, Conjur + "ApplianceUrl"), Stale(Unavailable, true)),
        [("Conjur", MalformedJson)] = (Error(Unavailable, true, Conjur + "ApplianceUrl"), Stale(Unavailable, true)),
        [("Conjur", OversizedBody)] = (Error(Unavailable, true, Conjur + "MaxResponseBodyBytes"), Stale(Unavailable, true)),
        [("Conjur", WrongContentType)] = (Error(Unavailable, true, Conjur + "ApplianceUrl"), Stale(Unavailable, true)),
        [("Conjur", StoreTokenRevoked)] = (Error(AccessDenied, false, Conjur + "Login"), Absorbed),
        [("Conjur", SecretDeleted)] = (Error(NotFound, false, Conjur + "Variable"), Stale(NotFound, false)),
        [("Conjur", FieldRemoved)] = (Error(InvalidSecret, false, Conjur + "Variable"), Stale(InvalidSecret, false)),
        [("Conjur", MalformedSecretValue)] = (Error(InvalidSecret, false, Conjur + "Variable"), Stale(InvalidSecret, false)),
        [("Conjur", CloudinaryKeyRotated)] = (Absorbed, Absorbed),
    };

    /// <summary>
    /// The longest simulated wait, after a warm fault is cleared, for the backoff retry to succeed: the first retry
    /// comes within 1 s after a transient failure and within 10 s after one that is not (see docs/rotation.md).
    /// </summary>
    public static TimeSpan WarmRecoveryBound(PhaseExpectation warm) =>
        warm.Transient ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);

    /// <summary>Every pinned cell (for the completeness test).</summary>
    public static IEnumerable<(string Source, MatrixFault Fault)> Keys => Cells.Keys;

    /// <summary>The pinned phase of a cell; <see cref="PhaseExpectation.NotApplicable"/> for a fault the source has not.</summary>
    public static PhaseExpectation For(string source, MatrixFault fault, bool warm) =>
        Cells.TryGetValue((source, fault), out var cell) ? (warm ? cell.Warm : cell.Cold) : PhaseExpectation.NotApplicable;
}
