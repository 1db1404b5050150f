namespace SecureCloudinary.Cli;

/// <summary>The process exit codes of <c>secure-cloudinary</c>; documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>Everything checked worked.</summary>
    public const int Ok = 0;

    /// <summary>Cloudinary rejected the credentials (401/403) or the ping failed for another reason.</summary>
    public const int CloudinaryFailed = 1;

    /// <summary><c>scan</c>: at least one secret was found (not accepted by the baseline).</summary>
    public const int SecretsFound = 1;

    /// <summary>
    /// Configuration error: invalid options, unknown source name, malformed appsettings.json or command line.
    /// </summary>
    public const int ConfigurationError = 2;

    /// <summary>The selected credential source could not supply credentials.</summary>
    public const int SourceFailed = 3;
}
