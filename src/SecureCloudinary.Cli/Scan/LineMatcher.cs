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

    private static readonly IEnumerable<Match> Empty = [];

    /// <summary>Applies every rule to <paramref name="line"/>.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="matches">Receives the matches.</param>
    /// <param name="context">Receives API keys and cloud names when not null.</param>
    /// <param name="lineNumber">The line's number, recorded with context values.</param>
    public static void Scan(string line, List<LineMatch> matches, List<ContextValue>? context, int lineNumber)
    {
        var hasSecret = line.Contains("secret", StringComparison.OrdinalIgnoreCase);
        var hasUrl = line.Contains("cloudinary://", StringComparison.OrdinalIgnoreCase);
        var hasConstructor = line.Contains("account", StringComparison.OrdinalIgnoreCase) || line.Contains("NewFromParams", StringComparison.Ordinal);
        foreach (var m in hasUrl ? UrlRegex().Matches(line) : Empty)
        {
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

        var indent = line.Length - line.AsSpan().TrimStart().Length; // once per line
        if (hasSecret)
        {
            ScanAssignments(line, indent, matches);
        }

        foreach (var m in hasConstructor ? ConstructorRegex().Matches(line) : Empty)
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
                MaskedText = Mask(line, m.Index, m.Length, secret.Index, secret.Length, key.Index, key.Length),
                Secret = secret.Value,
                Confidence = keyIsNumeric ? confidence : (Confidence)Math.Max(0, (int)confidence - 1),
                ApiKey = key.Value,
                CloudName = m.Groups["cloud"].Value,
            });
        }

        if (context is not null)
        {
            foreach (Match m in ContextRegex().Matches(line))
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

    // The assignment rule's candidates are found here rather than by the regex engine's own search, which would try
    // every "api" of the line: only a "secret" that ends a name (the next character is not part of an identifier)
    // right after "api", "api_" or "api-" is handed to the regex, anchored there (\G). A line made of nothing but
    // candidates ("apisecretapisecret…") then costs one vectorized search step per candidate, not a regex run.
    // Like Regex.Matches, the search resumes after a match, so matches never overlap.
    private static void ScanAssignments(string line, int indent, List<LineMatch> matches)
    {
        const string word = "secret";
        var from = 0;
        while (from < line.Length)
        {
            var found = line.AsSpan(from).IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return;
            }

            var at = from + found;
            from = at + word.Length;
            if (from < line.Length && IsIdentifierChar(line[from]))
            {
                continue; // api_secret_name, apisecretapisecret…
            }

            var apiStart = at >= 1 && line[at - 1] is '_' or '-' ? at - 4 : at - 3;
            if (apiStart < 0 || !line.AsSpan(apiStart, 3).Equals("api", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var m = AssignmentRegex().Match(line, apiStart);
            if (m.Success)
            {
                AddAssignment(line, indent, m, matches);
                from = m.Index + m.Length;
            }
        }
    }

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
