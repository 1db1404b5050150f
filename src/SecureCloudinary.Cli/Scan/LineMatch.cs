namespace SecureCloudinary.Cli.Scan;

/// <summary>One rule match on one line, before file-level context and ignore comments are applied.</summary>
internal sealed class LineMatch
{
    /// <summary>The rule that matched.</summary>
    public required ScanRule Rule { get; init; }

    /// <summary>1-based column of the match's first character.</summary>
    public required int Column { get; init; }

    /// <summary>The matched text with the secret (and the API key) masked.</summary>
    public required string MaskedText { get; init; }

    /// <summary>The secret itself: used for fingerprints and <c>--verify</c>, never printed.</summary>
    public required string Secret { get; init; }

    /// <summary>Confidence from the value alone.</summary>
    public required Confidence Confidence { get; init; }

    /// <summary>
    /// True when the setting's name says it belongs to another service (<c>STRIPE_API_SECRET</c>): kept, at low
    /// confidence, only when the file mentions Cloudinary.
    /// </summary>
    public bool ForeignName { get; init; }

    /// <summary>True for a bare <c>api_secret</c>: one level less confident when the file never mentions Cloudinary.</summary>
    public bool GenericName { get; init; }

    /// <summary>The API key found in the same match (URL or constructor), if any.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The cloud name found in the same match, if any.</summary>
    public string? CloudName { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Rule.Id} col {Column}: {MaskedText}";
}
