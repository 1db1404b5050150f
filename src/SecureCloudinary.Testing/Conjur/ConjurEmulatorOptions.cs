namespace SecureCloudinary.Testing.Conjur;

/// <summary>Settings of a <see cref="ConjurEmulator"/>.</summary>
public sealed class ConjurEmulatorOptions
{
    /// <summary>The Conjur account. Default <c>myorg</c>.</summary>
    public string Account { get; set; } = "myorg";

    /// <summary>The clock for token issue and expiry. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The access-token lifetime written into each token's <c>exp</c>. Default 8 minutes, as Conjur's.</summary>
    public TimeSpan TokenTimeToLive { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary>A base path the API is served under, e.g. <c>/api</c> as on Conjur Cloud. Default none.</summary>
    public string PathBase { get; set; } = string.Empty;

    /// <summary>The longest request target (path and query) accepted before answering 414. Default 8000.</summary>
    public int MaxRequestTargetLength { get; set; } = 8000;

    internal void Validate(string paramName)
    {
        if (string.IsNullOrWhiteSpace(Account) || Account.Contains('/', StringComparison.Ordinal) || Account.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("Account must be non-empty without '/' or ':'.", paramName);
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, paramName);
        if (TokenTimeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentException("TokenTimeToLive must be positive.", paramName);
        }

        if (PathBase.Length > 0 && (!PathBase.StartsWith('/') || PathBase.EndsWith('/')))
        {
            throw new ArgumentException("PathBase must start with '/' and not end with one, e.g. /api.", paramName);
        }

        if (MaxRequestTargetLength < 64)
        {
            throw new ArgumentException("MaxRequestTargetLength must be at least 64.", paramName);
        }
    }
}
