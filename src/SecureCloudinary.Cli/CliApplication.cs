using System.CommandLine;
using System.CommandLine.Help;
using System.Text;
using SecureCloudinary.Cli.Doctor;
using SecureCloudinary.Cli.Rotate;
using SecureCloudinary.Cli.Scan;

namespace SecureCloudinary.Cli;

/// <summary>The <c>secure-cloudinary</c> command line: parses arguments and runs the chosen command in-process.</summary>
internal static class CliApplication
{
    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="context">Console, environment and working directory to use.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The process exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand(
            "secure-cloudinary: check where your app's Cloudinary credentials come from, without printing them.")
        {
            DoctorCommand.Create(context),
            ScanCommand.Create(context),
            RotateCommand.Create(context),
            RevokeCommand.Create(context),
            Usage.UsageCommand.Create(context),
        };
        ParseResult parseResult;
        try
        {
            parseResult = root.Parse(args);
        }
        catch (InvalidOperationException ex)
        {
            // A value System.CommandLine could not convert; say so in one line, never with a stack trace.
            await context.Error.WriteLineAsync($"Error: {Redactor(args).Redact(ex.Message)} Run 'secure-cloudinary --help' for usage.").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        if (parseResult.Errors.Count > 0)
        {
            // One plain line. System.CommandLine's messages quote the offending token; mask anything that looks like a credential URL.
            var redactor = Redactor(args);
            var messages = parseResult.Errors.Select(e => redactor.Redact(e.Message).Trim()).Distinct(StringComparer.Ordinal)
                .Select(m => m.EndsWith('.') ? m : m + ".");
            await context.Error.WriteLineAsync($"Error: {string.Join(' ', messages)} Run 'secure-cloudinary --help' for usage.").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        if (parseResult.Action is HelpAction)
        {
            using var help = new StringWriter();
            var helpExitCode = await parseResult.InvokeAsync(new InvocationConfiguration { Output = help, Error = context.Error }, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteAsync(CleanHelp(help.ToString())).ConfigureAwait(false);
            return helpExitCode;
        }

        var invocation = new InvocationConfiguration { Output = context.Output, Error = context.Error };
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes System.CommandLine's generic "Additional Arguments: Arguments passed to the application that is being
    /// run." (doctor's extra arguments are configuration overrides, which its description explains) and names them
    /// in the usage line instead.
    /// </summary>
    private static string CleanHelp(string help)
    {
        var text = new StringBuilder();
        var skipping = false;
        foreach (var line in help.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("Additional Arguments:", StringComparison.Ordinal))
            {
                skipping = true;
                continue;
            }

            if (skipping)
            {
                if (line.Length == 0 || char.IsWhiteSpace(line[0]))
                {
                    continue;
                }

                skipping = false;
            }

            text.Append(line.Replace("[[--] <additional arguments>...]]", "[--Section:Key=value ...]", StringComparison.Ordinal)).Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static SecretRedactor Redactor(string[] args)
    {
        var redactor = new SecretRedactor();
        foreach (var arg in args)
        {
            if (arg.Contains("://", StringComparison.Ordinal) && arg.Contains('@', StringComparison.Ordinal))
            {
                redactor.Add(arg);
            }
        }

        return redactor;
    }
}
