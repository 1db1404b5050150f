using System.CommandLine;
using SecureCloudinary.Cli.Configuration;
using SecureCloudinary.Cli.Rotate;

namespace SecureCloudinary.Cli.Usage;

/// <summary><c>secure-cloudinary usage [--days N] [--json] [--source NAME] [--account NAME] [--directory DIR] [--environment NAME]</c>.</summary>
internal static class UsageCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var days = new Option<int>("--days") { Description = "How many days back (1-90).", DefaultValueFactory = _ => 30, HelpName = "n" };
        days.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 90)
            {
                r.AddError("--days must be between 1 and 90 (Cloudinary keeps daily usage for about 3 months).");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print one JSON object: cloudName, days (date, requests, bandwidth, transformations, storage, flagged), error." };
        var source = new Option<string?>("--source") { Description = "The credential source.", HelpName = "name" };
        var account = new Option<string?>("--account") { Description = "The named account: read Cloudinary:Accounts:NAME instead of Cloudinary.", HelpName = "name" };
        var directory = new Option<string?>("--directory", "-d") { Description = "The folder to read appsettings.json from.", HelpName = "folder" };
        var environment = new Option<string?>("--environment", "-e") { Description = "The app environment.", HelpName = "name" };
        var command = new Command(
            "usage",
            "Was a leaked key used? Daily usage of the product environment from the Admin API (requests, bandwidth, transformations, "
            + "storage) with a compact chart; days far above the trailing median are flagged. Exit codes: 0 nothing flagged, 1 Cloudinary "
            + "failed, 2 configuration error, 3 the source failed, 5 a day is flagged.")
        {
            days, json, source, account, directory, environment,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var redactor = new SecretRedactor();
            UsageReport report;
            try
            {
                var overrides = CommandLineOverrides.Parse(parseResult.UnmatchedTokens);

                var settings = new RotateSettings
                {
                    Directory = parseResult.GetValue(directory),
                    EnvironmentName = parseResult.GetValue(environment),
                    Account = parseResult.GetValue(account),
                    Source = parseResult.GetValue(source),
                    Overrides = overrides,
                };
                report = await UsageRunner.RunAsync(context, settings, parseResult.GetValue(days), redactor, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigurationLoadException ex)
            {
                report = new UsageReport();
                report.Fail(ExitCodes.ConfigurationError, ex.Message);
            }

            if (parseResult.GetValue(json))
            {
                await context.Output.WriteLineAsync(redactor.Redact(report.ToJson())).ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteAsync(redactor.Redact(report.ToText())).ConfigureAwait(false);
                if (report.Error is not null)
                {
                    await context.Error.WriteLineAsync(redactor.Redact("Error: " + report.Error)).ConfigureAwait(false);
                }
            }

            return report.ExitCode;
        });
        return command;
    }
}
