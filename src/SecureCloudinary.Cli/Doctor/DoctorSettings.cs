namespace SecureCloudinary.Cli.Doctor;

/// <summary>The parsed command line of <c>doctor</c>.</summary>
internal sealed record DoctorSettings
{
    /// <summary>Print one JSON object instead of readable lines.</summary>
    public bool Json { get; init; }

    /// <summary>Do not call Cloudinary.</summary>
    public bool NoPing { get; init; }

    /// <summary>The folder holding appsettings.json, or null for the working directory.</summary>
    public string? Directory { get; init; }

    /// <summary>The app environment name, or null to read DOTNET_ENVIRONMENT.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>How long the whole check may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Trust the endpoints the checked folder's configuration files name (<c>--trust-config</c>): contact them even
    /// with credentials from elsewhere.
    /// </summary>
    public bool TrustConfig { get; init; }

    /// <summary>The account to check (<c>--account</c>): its section <c>Cloudinary:Accounts:NAME</c>; null for <c>Cloudinary</c>.</summary>
    public string? Account { get; init; }

    /// <summary>The source to select (<c>--source</c>) in the checked section, or null.</summary>
    public string? Source { get; init; }

    /// <summary>The configuration overrides from the command line, in order (later wins).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Overrides { get; init; } = [];
}
