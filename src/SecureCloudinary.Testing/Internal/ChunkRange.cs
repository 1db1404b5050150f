using System.Globalization;

namespace SecureCloudinary.Testing.Internal;

/// <summary>A parsed <c>Content-Range: bytes start-end/total</c> header; total is -1 (or '*') when not yet known.</summary>
internal readonly record struct ChunkRange(long Start, long End, long? Total)
{
    public long Length => End - Start + 1;

    public bool IsFinal => Total is { } total && End + 1 == total;

    public static ChunkRange Parse(string value)
    {
        var text = value.Trim();
        if (!text.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid();
        }

        var parts = text[6..].Split('/');
        var bounds = parts.Length == 2 ? parts[0].Split('-') : [];
        if (bounds.Length != 2 || !TryNumber(bounds[0], out var start) || !TryNumber(bounds[1], out var end) || end < start)
        {
            throw Invalid();
        }

        long? total = null;
        var totalText = parts[1].Trim();
        if (totalText is not ("-1" or "*"))
        {
            if (!TryNumber(totalText, out var known) || end >= known)
            {
                throw Invalid();
            }

            total = known;
        }

        return new ChunkRange(start, end, total);
    }

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static EmulatorException Invalid() =>
        EmulatorException.BadRequest("Invalid Content-Range header - expected 'bytes start-end/total' (total may be -1)");
}
