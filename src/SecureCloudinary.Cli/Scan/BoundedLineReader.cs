using System.Text;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Reads lines from a text stream like <see cref="TextReader.ReadLineAsync(CancellationToken)"/>, but never holds
/// more than <c>maxLineChars + 1</c> characters of one line: the rest of a longer line is read and dropped, so a
/// gigabyte-long line in <c>git log -p</c> costs time, not memory.
/// </summary>
/// <param name="reader">The reader (git's standard output).</param>
/// <param name="maxLineChars">The longest line kept whole.</param>
internal sealed class BoundedLineReader(TextReader reader, long maxLineChars)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _line = new();
    private int _start;
    private int _end;

    /// <summary>Reads the next line without its line break (and a <c>\r</c> before it stays, as in git's output).</summary>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The line, cut to <c>maxLineChars + 1</c> characters when longer, or null at the end.</returns>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var limit = (int)Math.Min(int.MaxValue - 1, maxLineChars) + 1;
        var any = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    return any ? _line.ToString() : null;
                }
            }

            any = true;
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf('\n');
            var piece = newline < 0 ? available : available[..newline];
            _line.Append(piece[..Math.Min(piece.Length, limit - _line.Length)]);
            if (newline >= 0)
            {
                _start += newline + 1;
                return _line.ToString();
            }

            _start = _end;
        }
    }
}
