using Microsoft.Extensions.DependencyInjection;

namespace SecureCloudinary.Cli;

/// <summary>
/// Everything a command reads from or writes to the outside world, so tests run commands in-process without
/// touching the console, the process environment or the current directory.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="output">Where reports go (standard output).</param>
    /// <param name="error">Where error lines go in human-readable mode (standard error).</param>
    /// <param name="environment">The environment variables, as the process sees them.</param>
    /// <param name="workingDirectory">The folder <c>appsettings.json</c> is looked for in by default.</param>
    public CliContext(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        Output = output;
        Error = error;
        Environment = environment;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>Where reports go.</summary>
    public TextWriter Output { get; }

    /// <summary>Where error lines go in human-readable mode.</summary>
    public TextWriter Error { get; }

    /// <summary>The environment variables.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The default folder for <c>appsettings.json</c>.</summary>
    public string WorkingDirectory { get; }

    /// <summary>
    /// Runs after the command has registered its services, before the provider is built. Tests use it to swap a
    /// service (e.g. an HTTP handler); the tool itself leaves it null.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Standard input (the new key in <c>rotate --new-key-from-stdin</c>); empty unless set.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>The clock for <c>--timeout</c>; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where <c>scan --verify</c> sends its pings instead of https://api.cloudinary.com; must be a loopback address.
    /// Tests point it at <c>CloudinaryEmulator</c>; the tool leaves it null and has no option for it.
    /// </summary>
    public Uri? ScanVerifyApiBaseAddress { get; init; }

    /// <summary>
    /// How the pre-commit hook written by <c>scan --install-hook</c> starts this tool; null means the running process
    /// (<see cref="Scan.ToolCommand.FromProcess"/>). Tests point it at the built tool.
    /// </summary>
    public Scan.ToolCommand? ToolCommand { get; init; }

    /// <summary>Creates the context of the running process.</summary>
    /// <returns>A context over the console, the process environment and the current directory.</returns>
    public static CliContext FromProcess()
    {
        var environment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        return new CliContext(Console.Out, Console.Error, environment, System.Environment.CurrentDirectory) { Input = Console.In };
    }
}
