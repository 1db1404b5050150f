using System.CommandLine;
using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>
/// <c>secure-cloudinary doctor [--json] [--no-ping] [--source NAME] [--account NAME | --all] [--directory DIR] [--environment NAME]
/// [--timeout SECONDS] [--trust-config] [--Section:Key=value ...]</c>.
/// </summary>
internal static class DoctorCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Where the command reads its environment and writes its output.</param>
    /// <returns>The command, ready to add to the root command.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object: source, cloudName, fingerprint, apiKeyHint, version, ping, error, endpoints.",
        };
        var trustConfig = new Option<bool>("--trust-config")
        {
            Description = "Contact the endpoints (ApiBaseAddress, Vault Address, ...) that the folder's appsettings*.json files name, "
                + "even with credentials from elsewhere (environment, secret store), and remember those files until they change. "
                + "Without it doctor refuses (exit 2).",
        };
        var noPing = new Option<bool>("--no-ping") { Description = "Resolve the credentials but do not call Cloudinary." };
        var source = new Option<string?>("--source")
        {
            Description = "The credential source to check (same as --Cloudinary:Source=NAME).",
            HelpName = "name",
        };
        var account = new Option<string?>("--account")
        {
            Description = "Check the named account: read Cloudinary:Accounts:NAME instead of Cloudinary (see docs/several-accounts.md).",
            HelpName = "name",
        };
        var all = new Option<bool>("--all")
        {
            Description = "Check every account: the unnamed Cloudinary configuration (when it has settings beyond Accounts) and each "
                + "Cloudinary:Accounts child; one row (or JSON object) per account; exit code of the worst.",
        };
        var directory = new Option<string?>("--directory", "-d")
        {
            Description = "The folder to read appsettings.json from [default: the current folder].",
            HelpName = "folder",
        };
        var environment = new Option<string?>("--environment", "-e")
        {
            Description = "The app environment for appsettings.{Environment}.json [default: DOTNET_ENVIRONMENT, else Production].",
            HelpName = "name",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds the whole check may take.",
            DefaultValueFactory = _ => 30,
            CustomParser = result => OptionParsers.PositiveInt32(result, "--timeout", "a positive whole number of seconds", 30),
            HelpName = "seconds",
        };

        var command = new Command(
            "doctor",
            "Resolve the Cloudinary credentials exactly as your app would (appsettings.json, appsettings.{Environment}.json, "
            + "environment variables such as Cloudinary__Source, then configuration overrides given as additional arguments "
            + "like --Cloudinary:Source=Configuration), then ping Cloudinary. Never prints a secret. "
            + "Exit codes: 0 ok, 1 Cloudinary rejected the credentials or could not be reached, 2 configuration error, 3 the source failed.")
        {
            json, noPing, source, account, all, directory, environment, timeout, trustConfig,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.Validators.Add(result =>
        {
            if (!result.GetValue(all))
            {
                return;
            }

            foreach (var (option, name) in new[] { (account, "--account"), (source, "--source") })
            {
                if (result.GetValue(option) is not null)
                {
                    result.AddError($"--all checks every account with its own source; it cannot be combined with {name}.");
                }
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var useJson = parseResult.GetValue(json);
            var redactor = new SecretRedactor();
            DoctorSettings settings;
            try
            {
                settings = new DoctorSettings
                {
                    Json = useJson,
                    NoPing = parseResult.GetValue(noPing),
                    Directory = parseResult.GetValue(directory),
                    EnvironmentName = parseResult.GetValue(environment),
                    Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                    TrustConfig = parseResult.GetValue(trustConfig),
                    Account = parseResult.GetValue(account),
                    Source = parseResult.GetValue(source),
                    Overrides = CommandLineOverrides.Parse(parseResult.UnmatchedTokens),
                };
            }
            catch (ConfigurationLoadException ex) when (parseResult.GetValue(all))
            {
                var failedAll = new DoctorAllReport();
                failedAll.Fail(ex.Message);
                await WriteAsync(context, failedAll, useJson, redactor).ConfigureAwait(false);
                return failedAll.ExitCode;
            }
            catch (ConfigurationLoadException ex)
            {
                var failed = new DoctorReport { Account = parseResult.GetValue(account) };
                failed.Fail(ExitCodes.ConfigurationError, ex.Message);
                await WriteAsync(context, failed, useJson, redactor).ConfigureAwait(false);
                return failed.ExitCode;
            }

            if (parseResult.GetValue(all))
            {
                var everyAccount = await DoctorAllRunner.RunAsync(context, settings, redactor, cancellationToken).ConfigureAwait(false);
                await WriteAsync(context, everyAccount, useJson, redactor).ConfigureAwait(false);
                return everyAccount.ExitCode;
            }

            DoctorReport report;
            try
            {
                report = await DoctorRunner.RunAsync(context, settings, redactor, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigurationLoadException ex)
            {
                report = new DoctorReport { Account = settings.Account };
                report.Fail(ExitCodes.ConfigurationError, ex.Message);
            }

            await WriteAsync(context, report, useJson, redactor).ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, DoctorAllReport report, bool json, SecretRedactor redactor)
    {
        report.Redact(redactor);
        if (json)
        {
            await context.Output.WriteLineAsync(redactor.Redact(DoctorAllReportWriter.ToJson(report))).ConfigureAwait(false);
            return;
        }

        await context.Output.WriteAsync(redactor.Redact(DoctorAllReportWriter.ToText(report))).ConfigureAwait(false);
        foreach (var error in DoctorAllReportWriter.Errors(report))
        {
            await context.Error.WriteLineAsync(redactor.Redact(error)).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(CliContext context, DoctorReport report, bool json, SecretRedactor redactor)
    {
        // Mask the values first: after JSON escaping a secret with '"', '\\', control or non-BMP characters no longer
        // matches its own text. The rendered text is masked again as a last resort.
        report.Redact(redactor);
        if (json)
        {
            await context.Output.WriteLineAsync(redactor.Redact(DoctorReportWriter.ToJson(report))).ConfigureAwait(false);
            return;
        }

        await context.Output.WriteAsync(redactor.Redact(DoctorReportWriter.ToText(report))).ConfigureAwait(false);
        if (report.Error is not null)
        {
            await context.Error.WriteLineAsync(redactor.Redact("Error: " + report.Error)).ConfigureAwait(false);
        }
    }
}
