using System.Buffers;
using System.Text;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Streams one file's bytes in 64 KiB blocks and looks for the prefilter words across the whole block at once
/// (vectorized); only a line that contains one is turned into a string and given to <see cref="LineMatcher"/>.
/// Memory stays bounded by the block size plus the longest line. Content with a UTF-16 or UTF-32 byte-order mark
/// is decoded accordingly; anything else is read as UTF-8.
/// </summary>
internal sealed class ContentScanner
{
    /// <summary>How many leading bytes are checked for a NUL byte.</summary>
    public const int BinaryProbeBytes = 8192;

    private const int BlockBytes = 64 * 1024;

    private static readonly Encoding Utf16Little = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Utf16Big = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
    private static readonly Encoding Utf32Little = new UTF32Encoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Utf32Big = new UTF32Encoding(bigEndian: true, byteOrderMark: false);

    private readonly long _maxBytes;
    private readonly bool _collectContext;

    /// <summary>Creates a scanner.</summary>
    /// <param name="maxBytes">Content longer than this is skipped as too large.</param>
    /// <param name="collectContext">Also collect API keys and cloud names (for <c>--verify</c>).</param>
    public ContentScanner(long maxBytes, bool collectContext)
    {
        _maxBytes = maxBytes;
        _collectContext = collectContext;
    }

    /// <summary>Scans a stream to its end (or until it proves binary or too large).</summary>
    /// <param name="stream">The content.</param>
    /// <returns>The matches.</returns>
    public ContentScanResult Scan(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var result = new ContentScanResult { Context = _collectContext ? [] : null };
        var state = new LineState(_collectContext ? LineMatcher.VerifyPrefilter : LineMatcher.Prefilter, result);
        var bytes = ArrayPool<byte>.Shared.Rent(BlockBytes);
        var chars = ArrayPool<char>.Shared.Rent(BlockBytes + 1024);
        try
        {
            var count = ReadAtLeast(stream, bytes, BinaryProbeBytes);
            var (encoding, start) = DetectEncoding(bytes.AsSpan(0, count));
            var utf8 = ReferenceEquals(encoding, Encoding.UTF8);
            if (utf8 && bytes.AsSpan(0, Math.Min(count, BinaryProbeBytes)).Contains((byte)0))
            {
                result.Skipped = SkipReason.Binary;
                return result;
            }

            var decoder = encoding.GetDecoder();
            var probing = !utf8; // UTF-16/32: their ASCII has NUL bytes, so look for a NUL character instead
            var charCount = 0;
            while (true)
            {
                result.Bytes += count;
                if (result.Bytes > _maxBytes)
                {
                    result.Skipped = SkipReason.TooLarge;
                    result.Matches.Clear();
                    return result;
                }

                var eof = count == 0;
                var needed = charCount + encoding.GetMaxCharCount(count - start);
                if (needed > chars.Length)
                {
                    var bigger = ArrayPool<char>.Shared.Rent(needed);
                    chars.AsSpan(0, charCount).CopyTo(bigger);
                    ArrayPool<char>.Shared.Return(chars);
                    chars = bigger;
                }

                var decodedFrom = charCount;
                charCount += decoder.GetChars(bytes.AsSpan(start, count - start), chars.AsSpan(charCount), flush: eof);
                start = 0;
                if (probing)
                {
                    probing = false;
                    if (chars.AsSpan(0, Math.Min(charCount, BinaryProbeBytes)).Contains('\0'))
                    {
                        result.Skipped = SkipReason.Binary; // a byte-order mark in front of binary data
                        return result;
                    }
                }

                charCount = state.Process(chars, charCount, decodedFrom, eof);
                if (eof)
                {
                    break;
                }

                count = stream.Read(bytes, 0, BlockBytes);
            }

            state.Finish();
            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// The encoding a byte-order mark announces (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) and the mark's length, or UTF-8
    /// and 0 without one. Invalid sequences decode to U+FFFD rather than failing.
    /// </summary>
    /// <param name="head">The first bytes of the content.</param>
    /// <returns>The encoding and how many bytes to skip.</returns>
    public static (Encoding Encoding, int BomLength) DetectEncoding(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Utf32Little, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (Utf32Big, 4),
        [0xFF, 0xFE, ..] => (Utf16Little, 2),
        [0xFE, 0xFF, ..] => (Utf16Big, 2),
        _ => (Encoding.UTF8, 0),
    };

    private static int ReadAtLeast(Stream stream, byte[] buffer, int minimum)
    {
        var total = 0;
        while (total < minimum)
        {
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Line bookkeeping across blocks: line numbers, the previous line (for ignore-next-line), file context.</summary>
    private sealed class LineState(SearchValues<string> prefilter, ContentScanResult result)
    {
        private readonly MatchCollector _collector = new(result);
        private int _lineNumber = 1;     // number of the line starting at _current
        private int _current;            // first unprocessed character in the buffer

        /// <summary>Scans the complete lines in the buffer; moves the rest (and the last complete line) to the front.</summary>
        /// <param name="buffer">The decoded characters.</param>
        /// <param name="count">How many there are.</param>
        /// <param name="decodedFrom">Where the characters decoded by this round start (no line break after
        /// <c>_current</c> before that: a long line is searched once, not once per block).</param>
        /// <param name="eof">The content has ended.</param>
        /// <returns>The number of characters left in the buffer.</returns>
        public int Process(char[] buffer, int count, int decodedFrom, bool eof)
        {
            var span = buffer.AsSpan(0, count);
            var searchFrom = Math.Max(_current, decodedFrom);
            var lastBreak = span[searchFrom..].LastIndexOf('\n');
            var end = eof ? count : lastBreak < 0 ? 0 : searchFrom + lastBreak + 1;
            if (end == 0)
            {
                return count; // no complete line yet: read more
            }

            var pos = _current;
            while (pos < end)
            {
                var offset = span[pos..end].IndexOfAny(prefilter);
                if (offset < 0)
                {
                    break;
                }

                var hit = pos + offset;
                var lineStart = span[_current..hit].LastIndexOf('\n') + 1 + _current;
                _lineNumber += span[_current..lineStart].Count('\n');
                _current = lineStart;
                var newline = span[hit..end].IndexOf('\n');
                var lineEnd = newline < 0 ? end : hit + newline;
                ScanLine(span, lineStart, lineEnd);
                pos = lineEnd + 1;
            }

            _lineNumber += span[_current..end].Count('\n');
            if (eof)
            {
                _current = end;
                return count;
            }

            // Keep the last complete line (the "previous line" of the next block) and the incomplete tail.
            var keepFrom = end >= 2 ? span[..(end - 1)].LastIndexOf('\n') + 1 : 0;
            span[keepFrom..].CopyTo(buffer);
            _current = end - keepFrom;
            return count - keepFrom;
        }

        public void Finish() => _collector.Finish();

        private void ScanLine(ReadOnlySpan<char> span, int lineStart, int lineEnd)
        {
            var previous = ReadOnlySpan<char>.Empty;
            if (lineStart > 0)
            {
                previous = span[..(lineStart - 1)];
                previous = previous[(previous.LastIndexOf('\n') + 1)..];
            }

            _collector.ScanLine(span[lineStart..lineEnd], previous, _lineNumber);
        }
    }
}
