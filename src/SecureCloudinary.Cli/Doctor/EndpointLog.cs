namespace SecureCloudinary.Cli.Doctor;

/// <summary>The hosts <c>doctor</c> sent requests to, in order, with what each was for.</summary>
internal sealed class EndpointLog
{
    private readonly List<(string Origin, string Purpose)> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>What requests sent from now on are for, e.g. <c>Vault</c> or <c>Cloudinary API</c>.</summary>
    public string Purpose { get; set; } = "configuration";

    /// <summary>Records a request.</summary>
    /// <param name="uri">The request URI; only its scheme, host and port are kept.</param>
    public void Record(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var origin = uri.GetLeftPart(UriPartial.Authority);
        lock (_lock)
        {
            if (!_entries.Contains((origin, Purpose)))
            {
                _entries.Add((origin, Purpose));
            }
        }
    }

    /// <summary>The distinct origins contacted (<c>scheme://host:port</c>), in order.</summary>
    /// <returns>The origins.</returns>
    public IReadOnlyList<(string Origin, string Purpose)> Entries()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }
}
