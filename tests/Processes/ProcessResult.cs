namespace SecureCloudinary.Processes;

/// <summary>What a child process did: its exit code and everything it printed.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Standard output and standard error together.</summary>
    public string AllText => Output + Error;

    /// <summary>A failure message with the output, after <paramref name="mask"/> removed anything secret.</summary>
    public string Describe(Func<string, string>? mask = null)
    {
        var text = $"`{Command}` exited with {ExitCode}.\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
        return mask is null ? text : mask(text);
    }
}
