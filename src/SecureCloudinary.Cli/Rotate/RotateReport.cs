namespace SecureCloudinary.Cli.Rotate;

/// <summary>What <c>rotate</c> (or <c>revoke</c>) did: the fields of <c>--json</c> and the exit code. Never holds a secret.</summary>
internal sealed class RotateReport
{
    private readonly List<RotateStep> _steps = [];

    /// <summary>The account rotated (<c>--account</c>), or null for the unnamed <c>Cloudinary</c> configuration.</summary>
    public string? Account { get; set; }

    public string? Source { get; set; }

    public string? CloudName { get; set; }

    public string? OldFingerprint { get; set; }

    public string? NewFingerprint { get; set; }

    public string? StoreVersion { get; set; }

    public bool OldKeyDisabled { get; set; }

    public string? Error { get; private set; }

    public int ExitCode { get; private set; }

    /// <summary>Lines for the operator (guided mode: which key to disable), printed after the steps.</summary>
    public List<string> Instructions { get; } = [];

    public IReadOnlyList<RotateStep> Steps => _steps;

    public void Step(string name, string status, string detail) => _steps.Add(new RotateStep(name, status, detail));

    public void Fail(int exitCode, string message)
    {
        ExitCode = exitCode;
        Error = message;
    }
}
