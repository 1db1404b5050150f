using System.Buffers;
using System.Text.RegularExpressions;

namespace SecureCloudinary.Cli.Scan;

/// <summary>The detection rules, applied to one line at a time.</summary>
internal static partial class LineMatcher
{
    /// <summary>The marker that suppresses findings on its own line.</summary>
    public const string IgnoreMarker = "secure-cloudinary:ignore";

    /// <summary>The marker that suppresses findings on the line after it.</summary>
    public const string IgnoreNextLineMarker = "secure-cloudinary:ignore-next-line";

    /// <summary>A line is only handed to the regular expressions when it contains one of these (ignoring case).</summary>
    public static readonly SearchValues<string> Prefilter = SearchValues.Create(
        ["secret", "cloudinary", "account(", "account (", "newfromparams"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The prefilter with <c>--verify</c>, which also collects API keys and cloud names.</summary>
    public static readonly SearchValues<string> VerifyPrefilter = SearchValues.Create(
        ["secret", "cloudinary", "account(", "account (", "newfromparams", "api_key", "apikey", "api-key", "cloud_name", "cloudname", "cloud-name"],
        StringComparison.OrdinalIgnoreCase);

    private const int MaxConfigLeadLength = 256;

    private const string UrlScheme = "cloudinary://";

    private static readonly IEnumerable<Match> Empty = [];

    /// <summary>The characters of an identifier, of a URL's key and of its cloud name: <c>[A-Za-z0-9_\-]</c>.</summary>
    private static readonly SearchValues<char> IdentifierChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>What the regular expressions' <c>\s</c> matches (<see cref="char.IsWhiteSpace(char)"/>).</summary>
    internal static readonly SearchValues<char> Whitespace = SearchValues.Create(CharsWhere(char.IsWhiteSpace));

    /// <summary>The ASCII part of <see cref="Whitespace"/>: a set of ASCII characters is searched fastest.</summary>
    private static readonly SearchValues<char> AsciiWhitespace = SearchValues.Create("\t\n\v\f\r ");

    /// <summary>The ASCII part of <see cref="UrlSecretEnd"/>.</summary>
    private static readonly SearchValues<char> AsciiUrlSecretEnd = SearchValues.Create(CharsWhere(c => char.IsAscii(c) && EndsUrlSecret(c)));

    /// <summary>What ends a URL's secret: <c>[@\s/"'`&lt;&gt;\\]</c>.</summary>
    private static readonly SearchValues<char> UrlSecretEnd = SearchValues.Create(CharsWhere(EndsUrlSecret));

    /// <summary>Applies every rule to <paramref name="line"/>.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="matches">Receives the matches.</param>
    /// <param name="context">Receives API keys and cloud names when not null.</param>
    /// <param name="lineNumber">The line's number, recorded with context values.</param>
    public static void Scan(ReadOnlySpan<char> line, List<LineMatch> matches, List<ContextValue>? context, int lineNumber)
    {
        // The line becomes a string (for the regular expressions) only once a candidate has passed the span checks:
        // a 2 MB line full of near misses is searched in place, never copied.
        string? text = null;
        ScanUrls(line, ref text, matches);

        var indent = line.Length - line.TrimStart().Length; // once per line
        ScanAssignments(line, ref text, indent, matches);

        var hasConstructor = line.Contains("account", StringComparison.OrdinalIgnoreCase) || line.Contains("NewFromParams", StringComparison.Ordinal);
        foreach (var m in hasConstructor ? ConstructorRegex().Matches(Text(line, ref text)) : Empty)
        {
            var secret = m.Groups["secret"];
            if (SecretHeuristics.Assess(secret.ValueSpan) is not { } confidence)
            {
                continue;
            }

            var key = m.Groups["key"];
            var keyIsNumeric = key.Length >= 6 && key.ValueSpan.ContainsAnyExceptInRange('0', '9') is false;
            matches.Add(new LineMatch
            {
                Rule = ScanRule.ConstructorLiterals,
                Column = m.Index + 1,
                MaskedText = Mask(text!, m.Index, m.Length, secret.Index, secret.Length, key.Index, key.Length),
                Secret = secret.Value,
                Confidence = keyIsNumeric ? confidence : (Confidence)Math.Max(0, (int)confidence - 1),
                ApiKey = key.Value,
                CloudName = m.Groups["cloud"].Value,
            });
        }

        if (context is not null)
        {
            foreach (Match m in ContextRegex().Matches(Text(line, ref text)))
            {
                var isKey = m.Groups["kind"].Value.Contains("key", StringComparison.OrdinalIgnoreCase);
                var value = m.Groups["value"].Value;
                if (!isKey || !value.AsSpan().ContainsAnyExceptInRange('0', '9'))
                {
                    context.Add(new ContextValue(isKey, value, lineNumber));
                }
            }
        }
    }

    private static bool EndsUrlSecret(char c) => char.IsWhiteSpace(c) || c is '@' or '/' or '"' or '\'' or '`' or '<' or '>' or '\\';

    private static string Text(ReadOnlySpan<char> line, ref string? text) => text ??= line.ToString();

    private static string CharsWhere(Func<char, bool> predicate)
    {
        var chars = new List<char>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (predicate((char)c))
            {
                chars.Add((char)c);
            }
        }

        return new string([.. chars]);
    }

    // Like UrlRegex().Matches(line), but a "cloudinary://" where no URL can start (no ':' after the key, no '@' right
    // after the secret's run…) is ruled out with a few vectorized steps over at most 270 characters, without running
    // the regex or copying the line. The check is necessary for a match at that position, so skipping a position it
    // rules out changes no result; when it passes, the regex searches from there (and finds the match there).
    private static void ScanUrls(ReadOnlySpan<char> line, ref string? text, List<LineMatch> matches)
    {
        var from = 0;
        while (from < line.Length)
        {
            var found = line[from..].IndexOf(UrlScheme, StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            var at = from + found;
            if (!UrlCanStartAt(line, at + UrlScheme.Length))
            {
                from = at + UrlScheme.Length; // the scheme has no prefix that is also its suffix: no overlap
                continue;
            }

            var m = UrlRegex().Match(Text(line, ref text), at);
            if (!m.Success)
            {
                return;
            }

            from = m.Index + m.Length;
            var secret = m.Groups["secret"];
            if (SecretHeuristics.Assess(secret.ValueSpan) is not { } confidence)
            {
                continue;
            }

            var key = m.Groups["key"];
            matches.Add(new LineMatch
            {
                Rule = ScanRule.CloudinaryUrl,
                Column = m.Index + 1,
                MaskedText = $"cloudinary://{SecretMasker.MaskApiKey(key.ValueSpan)}:{SecretMasker.MaskSecret(secret.ValueSpan)}@{m.Groups["cloud"].Value}",
                Secret = secret.Value,
                Confidence = confidence,
                ApiKey = key.Value,
                CloudName = m.Groups["cloud"].Value,
            });
        }
    }

    // UrlRegex after the scheme: (?>key{1,64}):(?>secret{1,200})@cloud{1,128}. The atomic runs take as many
    // characters as they can (up to their limit) and never give any back, so each is one bounded vectorized search.
    private static bool UrlCanStartAt(ReadOnlySpan<char> line, int keyStart)
    {
        var colon = keyStart + IdentifierRunLength(line, keyStart, 64);
        if (colon == keyStart || colon >= line.Length || line[colon] != ':')
        {
            return false;
        }

        var at = colon + 1 + UrlSecretLength(line, colon + 1, 200);
        return at > colon + 1 && at + 1 < line.Length && line[at] == '@' && IdentifierChars.Contains(line[at + 1]);
    }

    // How many characters from start (at most max) are identifier characters.
    private static int IdentifierRunLength(ReadOnlySpan<char> line, int start, int max)
    {
        var window = line[start..Math.Min(line.Length, start + max)];
        var end = window.IndexOfAnyExcept(IdentifierChars);
        return end < 0 ? window.Length : end;
    }

    // How many characters from start (at most max) are not in UrlSecretEnd: the ASCII stops are searched first, and
    // the exact set only in front of the first non-ASCII character, if any.
    private static int UrlSecretLength(ReadOnlySpan<char> line, int start, int max)
    {
        var window = line[start..Math.Min(line.Length, start + max)];
        var end = window.IndexOfAny(AsciiUrlSecretEnd);
        end = end < 0 ? window.Length : end;
        var nonAscii = window[..end].IndexOfAnyExceptInRange((char)0, (char)0x7F);
        if (nonAscii >= 0)
        {
            var stop = window[nonAscii..end].IndexOfAny(UrlSecretEnd);
            end = stop < 0 ? end : nonAscii + stop;
        }

        return end;
    }

    // The assignment rule's candidates are found here rather than by the regex engine's own search, which would try
    // every "api" of the line: only a "secret" that ends a name (the next character is not part of an identifier)
    // right after "api", "api_" or "api-" is handed to the regex, anchored there (\G). A name can only end where the
    // identifier run ends, so after a "secret" inside a name the search jumps to the run's end (one vectorized step):
    // a line made of nothing but names ("apisecretapisecret…") is read once. Before the regex runs, a vectorized skip
    // over the blanks after the name checks that a separator follows; a 2 MB blank run after a name is then read
    // once, in place, and the line is never copied. Like Regex.Matches, the search resumes after a match, so
    // matches never overlap.
    private static void ScanAssignments(ReadOnlySpan<char> line, ref string? text, int indent, List<LineMatch> matches)
    {
        const string word = "secret";
        var from = 0;
        while (from < line.Length)
        {
            var found = line[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return;
            }

            var at = from + found;
            var end = at + word.Length;
            if (end < line.Length && IsIdentifierChar(line[end]))
            {
                // api_secret_name, apisecretapisecret…: the only "secret" of this run that can end a name is its last six characters.
                var runEnd = line[end..].IndexOfAnyExcept(IdentifierChars);
                end = runEnd < 0 ? line.Length : end + runEnd;
                at = end - word.Length;
                if (!line[at..end].Equals(word, StringComparison.OrdinalIgnoreCase))
                {
                    from = end;
                    continue;
                }
            }

            from = end;
            var apiStart = at >= 1 && line[at - 1] is '_' or '-' ? at - 4 : at - 3;
            if (apiStart < 0 || !line.Slice(apiStart, 3).Equals("api", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!SeparatorCanFollow(line, end, out var blanksEnd))
            {
                from = Math.Max(from, blanksEnd); // no "secret" starts inside the blank run
                continue;
            }

            var m = AssignmentRegex().Match(Text(line, ref text), apiStart);
            if (m.Success)
            {
                AddAssignment(text!, indent, m, matches);
                from = m.Index + m.Length;
            }
        }
    }

    // AssignmentRegex after the name: (?<close>\\?["'`])?(?>\s*)(?<sep>=>|:=|[:=,>]|(?<=\s)value(?>\s*)=). Whether
    // a separator can start after the optional closing quote and the (atomic) blank run: a necessary condition.
    private static bool SeparatorCanFollow(ReadOnlySpan<char> line, int nameEnd, out int blanksEnd)
    {
        blanksEnd = SkipBlanks(line, nameEnd);
        if (CanStartSeparator(line, blanksEnd))
        {
            return true;
        }

        var close = nameEnd < line.Length && line[nameEnd] == '\\' && nameEnd + 1 < line.Length && IsQuote(line[nameEnd + 1]) ? nameEnd + 2
            : nameEnd < line.Length && IsQuote(line[nameEnd]) ? nameEnd + 1
            : -1;
        return close >= 0 && CanStartSeparator(line, SkipBlanks(line, close));
    }

    private static int SkipBlanks(ReadOnlySpan<char> line, int start)
    {
        // ASCII blanks first (the fast search); a non-ASCII character that is a blank (U+00A0…) resumes it.
        var at = start;
        while (true)
        {
            var end = line[at..].IndexOfAnyExcept(AsciiWhitespace);
            if (end < 0)
            {
                return line.Length;
            }

            at += end;
            if (!char.IsWhiteSpace(line[at]))
            {
                return at;
            }

            at++;
        }
    }

    private static bool CanStartSeparator(ReadOnlySpan<char> line, int at) =>
        at < line.Length && line[at] is '=' or ':' or ',' or '>' or 'v' or 'V';

    private static bool IsQuote(char c) => c is '"' or '\'' or '`';

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static void AddAssignment(string line, int indent, Match m, List<LineMatch> matches)
    {
        var sep = m.Groups["sep"].Value.Trim();
        var quoted = m.Groups["value"];
        var bare = m.Groups["bare"];
        var value = quoted.Success ? quoted : bare;
        var nameStart = m.Groups["prefix"].Index;
        var start = m.Groups["open"].Success ? m.Groups["open"].Index : nameStart; // the match proper starts at "api"
        if (sep == "," && !m.Groups["close"].Success)
        {
            return; // f(x_api_secret, "literal"): an argument list, not a key/value pair
        }

        if (bare.Success && !(sep == ">" && nameStart > 0 && line[nameStart - 1] == '<') && !IsConfigLine(line, indent, nameStart, m.Groups["open"]))
        {
            return; // unquoted values count only in .env/YAML/ini/XML-element lines, not as code identifiers
        }

        if (SecretHeuristics.Assess(value.ValueSpan) is not { } confidence)
        {
            return;
        }

        var prefix = m.Groups["prefix"].ValueSpan.Trim("_-");
        var cloudinaryPrefix = prefix.Contains("cloudinary", StringComparison.OrdinalIgnoreCase)
            || prefix.Contains("cld", StringComparison.OrdinalIgnoreCase);
        matches.Add(new LineMatch
        {
            Rule = ScanRule.SecretAssignment,
            Column = start + 1,
            MaskedText = Mask(line, start, m.Index + m.Length - start, value.Index, value.Length, -1, 0),
            Secret = value.Value,
            Confidence = confidence,
            ForeignName = !prefix.IsEmpty && !cloudinaryPrefix,
            GenericName = prefix.IsEmpty,
        });
    }

    // The lead is read from the line's first non-blank character (found once per line), and a long lead is never a
    // configuration line's: both keep many matches on one long line from re-reading the line's start each time.
    private static bool IsConfigLine(string line, int indent, int nameStart, Group open)
    {
        var start = open.Success ? open.Index : nameStart;
        var lead = start > indent ? line.AsSpan(indent, start - indent).TrimEnd() : [];
        return lead.Length <= MaxConfigLeadLength && ConfigLeadRegex().IsMatch(lead);
    }

    private static string Mask(string line, int start, int length, int secretStart, int secretLength, int keyStart, int keyLength)
    {
        var text = line.AsSpan(start, length);
        var secretOffset = secretStart - start;
        var masked = string.Concat(text[..secretOffset], SecretMasker.MaskSecret(line.AsSpan(secretStart, secretLength)), text[(secretOffset + secretLength)..]);
        if (keyLength > 0)
        {
            var keyOffset = keyStart - start;
            masked = string.Concat(masked.AsSpan(0, keyOffset), SecretMasker.MaskApiKey(line.AsSpan(keyStart, keyLength)), masked.AsSpan(keyOffset + keyLength));
        }

        return masked.Length > 160 ? masked[..157] + "..." : masked;
    }

    // What may precede a setting name whose value is unquoted: nothing (.env, YAML, ini), export/set/ENV, a YAML
    // list dash, PowerShell's $env:, or a dotted prefix (cloudinary.api_secret=… in .properties).
    [GeneratedRegex("""^(?:export|set|env|-|\$env:)?$|^(?:[A-Za-z0-9_\-]+\.)+$""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ConfigLeadRegex();

    // cloudinary://KEY:SECRET@CLOUD — the key and cloud exclude <, {, $ so docs templates never match.
    [GeneratedRegex("""cloudinary://(?>(?<key>[A-Za-z0-9_\-]{1,64})):(?>(?<secret>[^@\s/"'`<>\\]{1,200}))@(?<cloud>[A-Za-z0-9_\-]{1,128})""", RegexOptions.CultureInvariant)]
    private static partial Regex UrlRegex();

    // Linear in the line length (issue 11): it is tried only at candidates ScanAssignments found (\G), and only a
    // name that ends there (the negative lookahead) pays for the lookbehind that reads its identifier prefix; name
    // ends are disjoint, so each character is read back at most once. Every whitespace run and value is atomic
    // ((?>...)), so a failed candidate never backtracks through them.
    // NAME<close quote>? SEP (quoted value | bare value). NAME is any identifier ending in api_secret/apiSecret/ApiSecret,
    // so CLOUDINARY_API_SECRET, Cloudinary__ApiSecret and config.api_secret all match; SEP covers = : => := , (Java
    // asMap) > (XML element) and value= (XML attribute); quotes may be JSON-escaped (notebooks).
    [GeneratedRegex("""\Gapi[_\-]?secret(?![A-Za-z0-9_\-])(?<=(?<open>\\?["'`])?(?<![A-Za-z0-9_\-])(?<prefix>[A-Za-z0-9_\-]*)api[_\-]?secret)(?<close>\\?["'`])?(?>\s*)(?<sep>=>|:=|[:=,>]|(?<=\s)value(?>\s*)=)(?>\s*)(?:(?<q>\\?["'`])(?>(?<value>[^"'`\\\s]{1,200}))\k<q>|(?>(?<bare>[A-Za-z0-9_\-]{8,200}))(?=\s|$|[,;#<]))""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AssignmentRegex();

    // new Account("cloud", "key", "secret") (C#), cloudinary.NewFromParams("cloud", "key", "secret") (Go).
    [GeneratedRegex("""(?:\bnew(?>\s+)(?>(?:[A-Za-z0-9_]+\.)*)Account|\bNewFromParams)(?>\s*)\((?>\s*)(?<q1>\\?["'`])(?>(?<cloud>[^"'`\\\s]{1,128}))\k<q1>(?>\s*),(?>\s*)(?<q2>\\?["'`])(?>(?<key>[^"'`\\\s]{1,64}))\k<q2>(?>\s*),(?>\s*)(?<q3>\\?["'`])(?>(?<secret>[^"'`\\\s]{1,200}))\k<q3>""", RegexOptions.CultureInvariant)]
    private static partial Regex ConstructorRegex();

    // API keys and cloud names near a secret (for --verify); linear for the same reasons as the assignment rule.
    [GeneratedRegex("""(?<kind>api[_\-]?key|cloud[_\-]?name)(?![A-Za-z0-9_\-])(?:\\?["'`])?(?>\s*)(?:=>|:=|[:=,>]|(?<=\s)value(?>\s*)=)(?>\s*)(?:\\?["'`])?(?<value>[A-Za-z0-9_\-]{2,128})""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ContextRegex();
}
