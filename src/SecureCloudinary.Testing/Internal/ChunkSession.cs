using System.Security.Cryptography;

namespace SecureCloudinary.Testing.Internal;

/// <summary>The progress of one chunked upload: bytes so far and their running SHA-256, never the bytes.</summary>
internal sealed class ChunkSession : IDisposable
{
    public Lock Lock { get; } = new();

    public IncrementalHash Hash { get; set; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Received { get; set; }

    public int Chunks { get; set; }

    /// <summary>The API key the first chunk was signed with; later chunks must use the same.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Set when the final chunk arrived; the hash is disposed then.</summary>
    public bool Completed { get; set; }

    public void Dispose() => Hash.Dispose();
}
