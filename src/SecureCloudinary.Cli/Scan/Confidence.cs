namespace SecureCloudinary.Cli.Scan;

/// <summary>How sure the scanner is that a match is a real secret.</summary>
internal enum Confidence
{
    /// <summary>Entropy-poor or out of context: worth a look.</summary>
    Low = 0,

    /// <summary>Looks like a secret, but is short or low in entropy.</summary>
    Medium = 1,

    /// <summary>A random-looking value of a real secret's shape in a Cloudinary context.</summary>
    High = 2,
}
