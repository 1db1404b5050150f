using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Conformance;

/// <summary>
/// A secret store (real emulator or in-memory stand-in) that the shared conformance suite drives: it writes
/// secrets, breaks the store in the ways every backend must handle, and builds the source under test.
/// </summary>
public interface ICredentialStoreFixture : IAsyncDisposable
{
    /// <summary>The <see cref="ICloudinaryCredentialSource.Name"/> the source must report.</summary>
    string ExpectedSourceName { get; }

    /// <summary>Whether the store gives every write a version id that the snapshot must carry.</summary>
    bool HasVersions { get; }

    /// <summary>Writes credentials as the store's current secret (a new version where the store has versions).</summary>
    Task WriteCredentialsAsync(CloudinaryCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Writes a secret whose text is not usable credentials.</summary>
    Task WriteMalformedSecretAsync(string text, CancellationToken cancellationToken);

    /// <summary>Deletes the secret so that the next read finds nothing.</summary>
    Task DeleteSecretAsync(CancellationToken cancellationToken);

    /// <summary>Makes the store refuse the source's identity from now on; false when the store has no access control.</summary>
    Task<bool> DenyAccessAsync(CancellationToken cancellationToken);

    /// <summary>Makes the store unreachable or failing (5xx / connection refused) from now on; false when it cannot fail.</summary>
    Task<bool> TakeDownAsync(CancellationToken cancellationToken);

    /// <summary>Creates the source under test, logging to <paramref name="loggerFactory"/>.</summary>
    ICloudinaryCredentialSource CreateSource(ILoggerFactory loggerFactory);
}
