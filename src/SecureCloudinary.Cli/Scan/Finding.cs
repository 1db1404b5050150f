using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Cli.Scan;

/// <summary>One reported secret. Holds the secret only for <c>--verify</c>; <see cref="ToString"/> never shows it.</summary>
internal sealed class Finding
{
    /// <summary>Creates a finding and computes its fingerprint.</summary>
    /// <param name="path">The file path relative to the scanned folder, with <c>/</c> separators.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="match">The match.</param>
    /// <param name="commit">The commit that added the line (history mode), else null.</param>
    public Finding(string path, int line, LineMatch match, string? commit)
    {
        ArgumentNullException.ThrowIfNull(match);
        Path = path;
        Line = line;
        Column = match.Column;
        Rule = match.Rule;
        Confidence = match.Confidence;
        MaskedText = match.MaskedText;
        Commit = commit;
        Fingerprint = ComputeFingerprint(match.Rule.Id, path, match.Secret);
        Candidate = new CandidateCredentials(match.CloudName, match.ApiKey, match.Secret);
    }

    /// <summary>The file path relative to the scanned folder.</summary>
    public string Path { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The 1-based column.</summary>
    public int Column { get; }

    /// <summary>The rule.</summary>
    public ScanRule Rule { get; }

    /// <summary>The confidence.</summary>
    public Confidence Confidence { get; }

    /// <summary>The matched text with the secret masked.</summary>
    public string MaskedText { get; }

    /// <summary>The commit (history mode).</summary>
    public string? Commit { get; }

    /// <summary>
    /// A stable id for <c>--baseline</c>: the first 32 hex digits of SHA-256 over the rule id, the path and the
    /// secret. The line is left out so that a finding survives edits above it; the secret cannot be read back.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>What <c>--verify</c> would try (cloud name and key may be filled in from nearby lines).</summary>
    public CandidateCredentials Candidate { get; set; }

    /// <summary>The <c>--verify</c> outcome, when asked for.</summary>
    public VerifyOutcome? Verification { get; set; }

    /// <summary>Fingerprint algorithm, exposed for tests.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <param name="path">The relative path.</param>
    /// <param name="secret">The secret.</param>
    /// <returns>32 lowercase hex digits.</returns>
    public static string ComputeFingerprint(string ruleId, string path, string secret)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"secure-cloudinary-scan/v1\n{ruleId}\n{path}\n{secret}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Path}:{Line}:{Column}: {Rule.Id} [{Confidence}] {MaskedText}";
}
