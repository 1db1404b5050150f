namespace SecureCloudinary.Testing.Internal;

/// <summary>The state of a chunked upload after accepting a chunk; <see cref="Sha256"/> is set once done.</summary>
internal readonly record struct ChunkProgress(bool Done, long Received, int Chunks, string? Sha256);
