namespace SecureCloudinary.Cli.Doctor;

/// <summary>What <c>doctor --all</c> found: one <see cref="DoctorReport"/> per account, warnings, and the worst exit code.</summary>
internal sealed class DoctorAllReport
{
    /// <summary>
    /// The exit codes from the worst down: a configuration error (nothing could be checked), then a failed source, then
    /// a failed Cloudinary check.
    /// </summary>
    private static readonly int[] Severity = [ExitCodes.ConfigurationError, ExitCodes.SourceFailed, ExitCodes.CloudinaryFailed];

    /// <summary>One report per checked account: the unnamed configuration first (when checked), then the named accounts in configuration order.</summary>
    public List<DoctorReport> Accounts { get; } = [];

    /// <summary>Warnings (e.g. two accounts sharing a key); never a secret.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Why no account could be listed (the configuration could not be read), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The process exit code: 0 when every account passed, else the worst account's code.</summary>
    public int ExitCode
    {
        get
        {
            if (Error is not null)
            {
                return ExitCodes.ConfigurationError;
            }

            var codes = Accounts.Select(a => a.ExitCode).ToHashSet();
            foreach (var code in Severity)
            {
                if (codes.Contains(code))
                {
                    return code;
                }
            }

            return codes.FirstOrDefault(c => c != ExitCodes.Ok, ExitCodes.Ok);
        }
    }

    /// <summary>Records that the accounts could not be listed.</summary>
    /// <param name="error">The message (never a secret).</param>
    public void Fail(string error) => Error = error;

    /// <summary>Masks every text field of every report, and the warnings and error.</summary>
    /// <param name="redactor">The redactor holding the secrets met.</param>
    public void Redact(SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        foreach (var report in Accounts)
        {
            report.Redact(redactor);
        }

        for (var i = 0; i < Warnings.Count; i++)
        {
            Warnings[i] = redactor.Redact(Warnings[i]);
        }

        Error = redactor.RedactOrNull(Error);
    }
}
