namespace SecureCloudinary.Cli.Doctor;

/// <summary>The values of the report's <c>ping</c> field.</summary>
internal static class PingStatus
{
    /// <summary>Cloudinary accepted the credentials.</summary>
    public const string Ok = "ok";

    /// <summary>The ping ran and failed (see <c>error</c>).</summary>
    public const string Failed = "failed";

    /// <summary>The ping did not run: <c>--no-ping</c>, or an earlier step failed (see <c>error</c>).</summary>
    public const string Skipped = "skipped";
}
