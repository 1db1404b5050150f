using System.CommandLine;
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
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // System.CommandLine's messages quote the offending token; mask anything that looks like a credential URL.
            var redactor = new SecretRedactor();
            foreach (var arg in args)
            {
                if (arg.Contains("://", StringComparison.Ordinal) && arg.Contains('@', StringComparison.Ordinal))
                {
                    redactor.Add(arg);
                }
            }

            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync(redactor.Redact(error.Message)).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'secure-cloudinary --help' for usage.").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        var invocation = new InvocationConfiguration { Output = context.Output, Error = context.Error };
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
