namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// Collects the matches of one file (or one file's diff in a commit): applies ignore comments per line and, at
/// the end, the file-level context (does the file mention Cloudinary at all?).
/// </summary>
/// <param name="result">Receives the matches.</param>
internal sealed class MatchCollector(ContentScanResult result)
{
    /// <summary>Cloudinary API secrets are 27 base64url characters.</summary>
    public const int CloudinarySecretLength = 27;

    private readonly List<LineMatch> _lineMatches = [];
    private bool _mentionsCloudinary;

    /// <summary>Scans one line that passed the prefilter.</summary>
    /// <param name="line">The line (a trailing <c>\r</c> is removed).</param>
    /// <param name="previousLine">The line before it, for <c>secure-cloudinary:ignore-next-line</c>.</param>
    /// <param name="lineNumber">The 1-based line number.</param>
    public void ScanLine(ReadOnlySpan<char> line, ReadOnlySpan<char> previousLine, int lineNumber)
    {
        line = line.TrimEnd('\r');
        if (line.Contains("cloudinary", StringComparison.OrdinalIgnoreCase))
        {
            _mentionsCloudinary = true;
        }

        if (line.Contains(LineMatcher.IgnoreMarker, StringComparison.OrdinalIgnoreCase)
            || previousLine.Contains(LineMatcher.IgnoreNextLineMarker, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _lineMatches.Clear();
        LineMatcher.Scan(line, _lineMatches, result.Context, lineNumber);
        foreach (var match in _lineMatches)
        {
            result.Matches.Add((lineNumber, match));
        }
    }

    /// <summary>
    /// Applies file-level context: a secret named after another service (<c>STRIPE_API_SECRET</c>) is dropped unless
    /// the file mentions Cloudinary, and then kept at low confidence; a bare <c>api_secret</c> in a file that never
    /// mentions Cloudinary (many SDKs use that name) is kept, at low confidence, only when the value has the shape of
    /// a Cloudinary secret (27 characters).
    /// </summary>
    public void Finish()
    {
        for (var i = result.Matches.Count - 1; i >= 0; i--)
        {
            var (line, match) = result.Matches[i];
            if (!_mentionsCloudinary && (match.ForeignName || (match.GenericName && match.Secret.Length != CloudinarySecretLength)))
            {
                result.Matches.RemoveAt(i);
            }
            else if (match.ForeignName)
            {
                result.Matches[i] = (line, Adjust(match, Confidence.Low));
            }
            else if (match.GenericName && !_mentionsCloudinary)
            {
                result.Matches[i] = (line, Adjust(match, Confidence.Low));
            }
        }
    }

    private static LineMatch Adjust(LineMatch match, Confidence confidence) => new()
    {
        Rule = match.Rule,
        Column = match.Column,
        MaskedText = match.MaskedText,
        Secret = match.Secret,
        Confidence = confidence,
        ApiKey = match.ApiKey,
        CloudName = match.CloudName,
    };
}
