using System.Security.Cryptography;

namespace SecureCloudinary.Testing.Internal;

/// <summary>
/// The <c>file</c> parameter of an upload: streamed content (only its length and running SHA-256 are kept),
/// or a remote URL, which is recorded and never fetched.
/// </summary>
internal sealed class ReceivedFile : IDisposable
{
    public string? FileName { get; init; }

    public string? MediaType { get; init; }

    public Uri? RemoteUrl { get; init; }

    /// <summary>The content itself, kept only when the emulator serves delivered assets and it is small enough.</summary>
    public byte[]? KeptContent { get; set; }

    /// <summary>Bytes received in this request.</summary>
    public long Length { get; set; }

    /// <summary>SHA-256 state including this request's bytes (for a chunk: of every chunk so far). Null for a remote URL.</summary>
    public IncrementalHash? Hash { get; private set; }

    /// <summary>For a chunk: the asset length <see cref="Hash"/> covered before this chunk.</summary>
    public long HashBase { get; init; }

    public static ReceivedFile Remote(Uri url) => new() { RemoteUrl = url, FileName = Path.GetFileName(url.AbsolutePath) };

    public static ReceivedFile Content(IncrementalHash hash, long hashBase, string? fileName, string? mediaType) =>
        new() { Hash = hash, HashBase = hashBase, FileName = fileName, MediaType = mediaType };

    /// <summary>Hands the hash over to the caller, who then disposes it.</summary>
    public IncrementalHash TakeHash()
    {
        var hash = Hash ?? throw new InvalidOperationException("The file has no content hash.");
        Hash = null;
        return hash;
    }

    public void Dispose() => Hash?.Dispose();
}
