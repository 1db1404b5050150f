namespace SecureCloudinary.Cli.Tests.TestSupport;

/// <summary>What one in-process run of the tool produced.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string AllText => Output + "\n" + Error;
}
