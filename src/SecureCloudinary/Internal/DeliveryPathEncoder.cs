using System.Buffers;
using System.Text;

namespace SecureCloudinary.Internal;

/// <summary>
/// Span-based helpers that write the parts of a delivery URL the way the official SDKs escape them, without
/// allocating.
/// </summary>
internal static class DeliveryPathEncoder
{
    /// <summary>The most characters one UTF-16 char can become (a BMP char is 3 UTF-8 bytes, each <c>%XX</c>).</summary>
    public const int MaxEncodedCharsPerChar = 9;

    private const string HexUpper = "0123456789ABCDEF";

    /// <summary>True for fetch-style sources (<c>http:/…</c> or <c>https:/…</c>, any case).</summary>
    public static bool IsRemote(ReadOnlySpan<char> source) =>
        source.StartsWith("http:/", StringComparison.OrdinalIgnoreCase)
        || source.StartsWith("https:/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Replaces <c>X//</c> by <c>X/</c> for any X but <c>:</c>, scanning left to right without overlap, as the
    /// SDKs' <c>/([^:])\/\//g</c> replacement does. <paramref name="destination"/> needs <c>source.Length</c> chars.
    /// </summary>
    public static int CollapseSlashes(ReadOnlySpan<char> source, Span<char> destination)
    {
        var written = 0;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            destination[written++] = c;
            if (c != ':' && i + 2 < source.Length && source[i + 1] == '/' && source[i + 2] == '/')
            {
                destination[written++] = '/';
                i += 3;
            }
            else
            {
                i++;
            }
        }

        return written;
    }

    /// <summary>
    /// Writes a (collapsed) public ID as it appears in the URL. Ordinary IDs are percent-decoded and then encoded like
    /// <c>encodeURIComponent</c> with <c>/</c> and <c>:</c> kept, so an already-encoded ID is not encoded twice (this
    /// is done byte-wise; an invalid escape keeps its <c>%</c> as <c>%25</c>). Remote URLs keep
    /// <c>[A-Za-z0-9_.-/:]</c> and encode the rest. <paramref name="destination"/> needs
    /// <see cref="MaxEncodedCharsPerChar"/> chars per input char.
    /// </summary>
    /// <exception cref="ArgumentException">The ID holds an unpaired surrogate.</exception>
    public static int EncodePublicId(ReadOnlySpan<char> publicId, bool remote, Span<char> destination)
    {
        var written = 0;
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < publicId.Length)
        {
            var c = publicId[i];
            if (!remote && c == '%' && i + 2 < publicId.Length && TryHex(publicId[i + 1], publicId[i + 2], out var decoded))
            {
                written += WriteByte(decoded, remote, destination[written..]);
                i += 3;
                continue;
            }

            if (c < 0x80)
            {
                written += WriteByte((byte)c, remote, destination[written..]);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(publicId[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                throw new ArgumentException("The public ID contains an unpaired surrogate character.", nameof(publicId));
            }

            var count = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..count])
            {
                written += WriteByte(b, remote, destination[written..]);
            }

            i += consumed;
        }

        return written;
    }

    /// <summary>Copies a transformation, writing each space as <c>%20</c>.</summary>
    public static int WriteEscapingSpaces(ReadOnlySpan<char> source, Span<char> destination)
    {
        var written = 0;
        foreach (var c in source)
        {
            if (c == ' ')
            {
                "%20".CopyTo(destination[written..]);
                written += 3;
            }
            else
            {
                destination[written++] = c;
            }
        }

        return written;
    }

    private static int WriteByte(byte b, bool remote, Span<char> destination)
    {
        var c = (char)b;
        if (b < 0x80 && (remote ? IsRemoteSafe(c) : IsComponentSafe(c)))
        {
            destination[0] = c;
            return 1;
        }

        destination[0] = '%';
        destination[1] = HexUpper[b >> 4];
        destination[2] = HexUpper[b & 0xF];
        return 3;
    }

    private static bool TryHex(char high, char low, out byte value)
    {
        var h = HexValue(high);
        var l = HexValue(low);
        value = (byte)((h << 4) | l);
        return (h | l) >= 0;

        static int HexValue(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
    }

    // encodeURIComponent's unreserved set plus '/' and ':', which the SDKs put back.
    private static bool IsComponentSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')' or '/' or ':';

    // The SDKs' smart_escape keeps [A-Za-z0-9_.\-/:] in remote (fetch) URLs.
    private static bool IsRemoteSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/' or ':';
}
