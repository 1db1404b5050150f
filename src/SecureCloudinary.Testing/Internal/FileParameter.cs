using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Interprets a <c>file</c> form value given as text: a remote URL, a data URI, or raw content.</summary>
internal static class FileParameter
{
    private static readonly string[] RemoteSchemes = ["http", "https", "ftp", "s3", "gs"];

    public static ReceivedFile Create(byte[] value, Func<(IncrementalHash Hash, long Base)> startHash, long keepContentUpTo = 0)
    {
        if (value.Length < 8192 && LooksLikeText(value))
        {
            var text = Encoding.UTF8.GetString(value).Trim();
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && RemoteSchemes.Contains(url.Scheme, StringComparer.OrdinalIgnoreCase))
            {
                return ReceivedFile.Remote(url);
            }
        }

        string? mediaType = null;
        if (value.AsSpan().StartsWith("data:"u8))
        {
            (mediaType, value) = DecodeDataUri(Encoding.UTF8.GetString(value));
        }

        var (hash, hashBase) = startHash();
        hash.AppendData(value);
        var file = ReceivedFile.Content(hash, hashBase, fileName: null, mediaType);
        file.Length = value.Length;
        file.KeptContent = value.Length <= keepContentUpTo ? value : null;
        return file;
    }

    private static bool LooksLikeText(byte[] value) => Array.TrueForAll(value, b => b is >= 0x20 and < 0x7F or (byte)'\r' or (byte)'\n');

    private static (string? MediaType, byte[] Content) DecodeDataUri(string dataUri)
    {
        var comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw EmulatorException.BadRequest("Invalid data URI - missing ','");
        }

        var header = dataUri[5..comma];
        var data = dataUri[(comma + 1)..];
        var isBase64 = header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase);
        var mediaType = (isBase64 ? header[..^7] : header).Split(';')[0];
        try
        {
            var content = isBase64 ? Convert.FromBase64String(data) : Encoding.UTF8.GetBytes(Uri.UnescapeDataString(data));
            return (mediaType.Length == 0 ? null : mediaType, content);
        }
        catch (FormatException)
        {
            throw EmulatorException.BadRequest("Invalid data URI - bad base64 content");
        }
    }
}
