using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Chunked uploads in progress, keyed by <c>X-Unique-Upload-Id</c>. Chunks must arrive in order.</summary>
internal sealed class ChunkSessions(long minimumChunkSize) : IDisposable
{
    private readonly ConcurrentDictionary<string, ChunkSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>The hash to continue with for the next chunk of <paramref name="uploadId"/>, and the length it covers.</summary>
    public (IncrementalHash Hash, long Base) StartHash(string uploadId)
    {
        if (_sessions.TryGetValue(uploadId, out var session))
        {
            lock (session.Lock)
            {
                if (!session.Completed)
                {
                    return (session.Hash.Clone(), session.Received);
                }
            }
        }

        return (IncrementalHash.CreateHash(HashAlgorithmName.SHA256), 0);
    }

    /// <summary>Accepts an authenticated chunk whose bytes were hashed onto the state from <see cref="StartHash"/>.</summary>
    /// <remarks>
    /// All chunks of one upload must be signed with the same API key: nothing shows Cloudinary accepts a key change
    /// within one upload id, so the emulator assumes the strict answer (a client restarts with a new upload id).
    /// </remarks>
    public ChunkProgress Commit(string uploadId, ChunkRange range, ReceivedFile file, string apiKey)
    {
        var session = _sessions.GetOrAdd(uploadId, _ => new ChunkSession());
        lock (session.Lock)
        {
            session.ApiKey ??= apiKey;
            if (!string.Equals(session.ApiKey, apiKey, StringComparison.Ordinal))
            {
                throw EmulatorException.BadRequest(
                    $"Upload {uploadId} was started with a different API key - restart the upload with a new X-Unique-Upload-Id");
            }

            if (session.Completed || range.Start != session.Received || file.HashBase != session.Received)
            {
                throw EmulatorException.BadRequest(
                    $"Chunk out of order - expected a range starting at byte {session.Received}, got {range.Start}");
            }

            if (range.Length != file.Length)
            {
                throw EmulatorException.BadRequest(
                    $"Content-Range covers {range.Length} bytes but the chunk has {file.Length}");
            }

            if (!range.IsFinal && file.Length < minimumChunkSize)
            {
                throw EmulatorException.BadRequest($"Chunk size {file.Length} is below the minimum of {minimumChunkSize} bytes");
            }

            session.Hash.Dispose();
            session.Hash = file.TakeHash();
            session.Received += file.Length;
            session.Chunks++;
            if (!range.IsFinal)
            {
                return new ChunkProgress(false, session.Received, session.Chunks, null);
            }

            _sessions.TryRemove(uploadId, out _);
            var sha256 = Convert.ToHexStringLower(session.Hash.GetCurrentHash());
            session.Completed = true;
            session.Dispose();
            return new ChunkProgress(true, session.Received, session.Chunks, sha256);
        }
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        _sessions.Clear();
    }
}
