using System.CommandLine;
using System.Globalization;

namespace SecureCloudinary.Cli.Scan;

/// <summary>
/// <c>secure-cloudinary scan [PATH] [--staged | --history | --install-hook [--force]] [--format text|sarif]
/// [--baseline FILE] [--write-baseline FILE] [--min-confidence low|medium|high] [--max-file-size MB]
/// [--parallelism N] [--verify]</c>.
/// </summary>
internal static class ScanCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Where the command reads its working folder and writes its output.</param>
    /// <returns>The command, ready to add to the root command.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = new Argument<string>("path")
        {
            Description = "The folder or file to scan (with --staged/--history: a folder in the repository).",
            DefaultValueFactory = _ => ".",
        };
        var staged = new Option<bool>("--staged") { Description = "Scan only what is staged for the next commit (for a pre-commit hook)." };
        var history = new Option<bool>("--history") { Description = "Scan the lines added by every commit reachable from HEAD." };
        var installHook = new Option<bool>("--install-hook") { Description = "Write .git/hooks/pre-commit running 'secure-cloudinary scan --staged', then exit." };
        var force = new Option<bool>("--force") { Description = "With --install-hook: replace an existing pre-commit hook." };
        var format = new Option<string>("--format")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "sarif");
        var baseline = new Option<string?>("--baseline") { Description = "Accept the findings listed in this file (see --write-baseline).", HelpName = "file" };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write the current findings' fingerprints to this file and exit 0.", HelpName = "file" };
        var minConfidence = new Option<string>("--min-confidence")
        {
            Description = "Report only findings at least this confident.",
            DefaultValueFactory = _ => "low",
        };
        minConfidence.AcceptOnlyFromAmong("low", "medium", "high");
        var maxFileSize = new Option<double>("--max-file-size")
        {
            Description = "Skip files larger than this many megabytes.",
            DefaultValueFactory = _ => ScanSettings.DefaultMaxFileSizeMegabytes,
            CustomParser = r => OptionParsers.PositiveDouble(r, "--max-file-size", "a positive number of megabytes", ScanSettings.DefaultMaxFileSizeMegabytes),
            HelpName = "MB",
        };
        var parallelism = new Option<int>("--parallelism")
        {
            Description = "Files scanned at once [default: the number of cores].",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            CustomParser = r => OptionParsers.PositiveInt32(r, "--parallelism", "a positive whole number", Environment.ProcessorCount),
            HelpName = "n",
        };
        var verify = new Option<bool>("--verify") { Description = "Ping Cloudinary with each found key to say whether it is live (sends the found key and secret to Cloudinary only)." };

        var command = new Command(
            "scan",
            "Find hardcoded Cloudinary credentials (cloudinary:// URLs, api_secret settings, key/secret literals in client constructors) "
            + "in files (honouring .gitignore), staged changes or git history. Secrets are always printed masked. "
            + "Exit codes: 0 nothing found, 1 secrets found, 2 usage error.")
        {
            path, staged, history, installHook, force, format, baseline, writeBaseline, minConfidence, maxFileSize, parallelism, verify,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var modes = new[] { parseResult.GetValue(staged), parseResult.GetValue(history), parseResult.GetValue(installHook) }.Count(b => b);
                if (modes > 1)
                {
                    throw new ScanUsageException("Choose one of --staged, --history and --install-hook.");
                }

                var folder = Path.GetFullPath(Path.Combine(context.WorkingDirectory, parseResult.GetValue(path)!));
                if (parseResult.GetValue(installHook))
                {
                    var tool = context.ToolCommand ?? ToolCommand.FromProcess();
                    var hook = await HookInstaller.InstallAsync(folder, parseResult.GetValue(force), tool, cancellationToken).ConfigureAwait(false);
                    await context.Output.WriteLineAsync($"Installed the pre-commit hook {hook}: every commit now runs '{string.Join(' ', tool.Arguments)} scan --staged'.").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                var settings = new ScanSettings
                {
                    Path = parseResult.GetValue(path)!,
                    Staged = parseResult.GetValue(staged),
                    History = parseResult.GetValue(history),
                    Sarif = parseResult.GetValue(format) == "sarif",
                    BaselinePath = parseResult.GetValue(baseline),
                    WriteBaselinePath = parseResult.GetValue(writeBaseline),
                    MinimumConfidence = Enum.Parse<Confidence>(parseResult.GetValue(minConfidence)!, ignoreCase: true),
                    MaxFileBytes = (long)(parseResult.GetValue(maxFileSize) * 1024 * 1024),
                    Parallelism = parseResult.GetValue(parallelism),
                    Verify = parseResult.GetValue(verify),
                };
                var report = await ScanRunner.RunAsync(context, settings, cancellationToken).ConfigureAwait(false);
                return await WriteAsync(context, settings, report).ConfigureAwait(false);
            }
            catch (ScanUsageException ex)
            {
                await context.Error.WriteLineAsync("Error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }
        });
        return command;
    }

    private static async Task<int> WriteAsync(CliContext context, ScanSettings settings, ScanReport report)
    {
        if (settings.WriteBaselinePath is { } baselinePath)
        {
            var file = Path.Combine(context.WorkingDirectory, baselinePath);
            Baseline.Write(file, report.Findings);
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"Wrote {report.Findings.Count} finding(s) to the baseline {baselinePath}.")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (settings.Sarif)
        {
            await context.Output.WriteLineAsync(SarifWriter.ToJson(report)).ConfigureAwait(false);
            await context.Error.WriteLineAsync(TextReportWriter.Summary(report)).ConfigureAwait(false);
        }
        else
        {
            await context.Output.WriteAsync(TextReportWriter.FindingsText(report)).ConfigureAwait(false);
            await context.Output.WriteLineAsync(TextReportWriter.Summary(report)).ConfigureAwait(false);
        }

        return report.Findings.Count > 0 ? ExitCodes.SecretsFound : ExitCodes.Ok;
    }
}
