namespace SecureCloudinary.Cli.Rotate;

/// <summary>The exit codes of <c>rotate</c> and <c>revoke</c> beyond <see cref="ExitCodes"/>; documented in docs/cli.md.</summary>
internal static class RotateExitCodes
{
    /// <summary>Rotated (or revoked, or the guided step is done).</summary>
    public const int Ok = ExitCodes.Ok;

    /// <summary>Cloudinary did not accept the new key (it was deleted, the store untouched), or the old key is still accepted.</summary>
    public const int KeyNotAccepted = 1;

    /// <summary>Configuration error, a source that cannot be written to, or a refused revoke.</summary>
    public const int ConfigurationError = ExitCodes.ConfigurationError;

    /// <summary>The store failed: the new key was deleted and the store left as it was.</summary>
    public const int StoreFailed = 3;

    /// <summary>The fleet did not switch in time: the new key is stored, the old key still enabled; run rotate again.</summary>
    public const int FleetNotSwitched = 4;
}
