using System.CommandLine;
using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Rotate;

/// <summary><c>secure-cloudinary revoke &lt;api_key|fingerprint&gt; [--delete] [--json] [--source NAME] [--account NAME] [--directory DIR] [--environment NAME]</c>.</summary>
internal static class RevokeCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Where the command reads its environment and writes its output.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = new Argument<string>("key") { Description = "The API key, or its 8-character fingerprint (as doctor and scan print it)." };
        var delete = new Option<bool>("--delete") { Description = "Delete the key instead of disabling it (cannot be undone)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (the rotate fields)." };
        var source = new Option<string?>("--source") { Description = "The credential source (same as --Cloudinary:Source=NAME).", HelpName = "name" };
        var account = new Option<string?>("--account") { Description = "The named account: read Cloudinary:Accounts:NAME instead of Cloudinary.", HelpName = "name" };
        var directory = new Option<string?>("--directory", "-d") { Description = "The folder to read appsettings.json from.", HelpName = "folder" };
        var environment = new Option<string?>("--environment", "-e") { Description = "The app environment for appsettings.{Environment}.json.", HelpName = "name" };
        var command = new Command(
            "revoke",
            "Disable (or --delete) a Cloudinary access key through the Provisioning API, e.g. one scan --verify found live. Refuses "
            + "the key the configured store serves now (rotate first). Exit codes: 0 done, 1 Cloudinary failed, 2 configuration "
            + "error or refused, 3 the source failed.")
        {
            key, delete, json, source, account, directory, environment,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var useJson = parseResult.GetValue(json);
            var redactor = new SecretRedactor();
            RotateReport report;
            try
            {
                var overrides = CommandLineOverrides.Parse(parseResult.UnmatchedTokens);

                var settings = new RotateSettings
                {
                    Json = useJson,
                    Directory = parseResult.GetValue(directory),
                    EnvironmentName = parseResult.GetValue(environment),
                    Account = parseResult.GetValue(account),
                    Source = parseResult.GetValue(source),
                    Overrides = overrides,
                };
                report = await RevokeRunner.RunAsync(context, settings, parseResult.GetValue(key) ?? string.Empty, parseResult.GetValue(delete), redactor, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ConfigurationLoadException ex)
            {
                report = new RotateReport();
                report.Fail(RotateExitCodes.ConfigurationError, ex.Message);
            }

            await RotateCommand.WriteAsync(context, report, useJson, redactor).ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }
}
