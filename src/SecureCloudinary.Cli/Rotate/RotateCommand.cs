using System.CommandLine;
using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Rotate;

/// <summary>
/// <c>secure-cloudinary rotate [--json] [--wait DURATION] [--wait-for URL]... [--keep-old-enabled] [--new-key-from-stdin]
/// [--confirm-old-disabled] [--rollback] [--previous-key API_KEY] [--old-key-from-stdin] [--timeout SECONDS] [--source NAME] [--account NAME] [--directory DIR] [--environment NAME] [--Section:Key=value ...]</c>.
/// </summary>
internal static class RotateCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Where the command reads its environment and writes its output.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object: source, cloudName, oldFingerprint, newFingerprint, storeVersion, oldKeyDisabled, steps, error.",
        };
        var wait = new Option<string?>("--wait")
        {
            Description = "How long to wait for every instance to pick up the new key (30s, 5m, 00:05:00) "
                + "[default: RefreshInterval + 10% + MinimumForcedRefreshInterval]; with --wait-for, the most to wait.",
            HelpName = "duration",
        };
        wait.Validators.Add(result =>
        {
            if (!DurationParser.TryParse(result.GetValueOrDefault<string?>(), out _))
            {
                result.AddError("--wait must be a duration such as 30s, 5m or 00:05:00.");
            }
        });
        var waitFor = new Option<string[]>("--wait-for")
        {
            Description = "A URL (https, or http to loopback) polled until its body shows the new key's fingerprint, e.g. an app's health endpoint. Repeatable.",
            HelpName = "url",
            AllowMultipleArgumentsPerToken = false,
        };
        waitFor.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!IsPollable(value, out _))
                {
                    result.AddError("--wait-for must be an absolute https:// URL (http:// only for loopback hosts).");
                }
            }
        });
        var keepOld = new Option<bool>("--keep-old-enabled") { Description = "Do not disable the old key at the end." };
        var fromStdin = new Option<bool>("--new-key-from-stdin")
        {
            Description = "Guided mode: read the new key (cloudinary://key:secret@cloud or key:secret), created in the Console, from standard input.",
        };
        var confirm = new Option<bool>("--confirm-old-disabled")
        {
            Description = "Guided mode, last step: check that Cloudinary now refuses the old key (the store's previous value; for a store "
                + "without history, the Provisioning API's key list, --previous-key or --old-key-from-stdin).",
        };
        var rollback = new Option<bool>("--rollback")
        {
            Description = "Undo the last rotation: re-enable the previous key, restore the store's previous value, wait, then disable the current key.",
        };
        var previousKey = new Option<string?>("--previous-key")
        {
            Description = "With --rollback or --confirm-old-disabled: the API key (or fingerprint) of the key to return to or check, taken from "
                + "the Provisioning API's key list (for a store that keeps no history, e.g. Vault KV v1, when the served key's name does not say which key it replaced).",
            HelpName = "api_key",
        };
        var oldFromStdin = new Option<bool>("--old-key-from-stdin")
        {
            Description = "With --confirm-old-disabled, when the store keeps no history and no provisioning credentials are set: read the old key "
                + "(key:secret or cloudinary://…) from standard input (never echoed).",
        };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds the whole rotation may take [default: the wait plus 120].", HelpName = "seconds" };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });
        var source = new Option<string?>("--source") { Description = "The credential source (same as --Cloudinary:Source=NAME).", HelpName = "name" };
        var account = new Option<string?>("--account") { Description = "The named account: read Cloudinary:Accounts:NAME instead of Cloudinary.", HelpName = "name" };
        var directory = new Option<string?>("--directory", "-d") { Description = "The folder to read appsettings.json from.", HelpName = "folder" };
        var environment = new Option<string?>("--environment", "-e") { Description = "The app environment for appsettings.{Environment}.json.", HelpName = "name" };

        var command = new Command(
            "rotate",
            "Replace the Cloudinary API key your app uses, with no downtime: create a new key (Provisioning API, or guided with "
            + "--new-key-from-stdin), check it, write it to the secret store the configuration selects (read exactly as doctor does), "
            + "wait for the fleet, then disable the old key. Never prints a secret. Exit codes: 0 rotated, 1 the new key was not "
            + "accepted, 2 configuration error or a source that is not writable, 3 the store failed (nothing changed), 4 the fleet "
            + "did not switch in time (run again to finish).")
        {
            json, wait, waitFor, keepOld, fromStdin, confirm, rollback, previousKey, oldFromStdin, timeout, source, account, directory, environment,
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

                TimeSpan? waitValue = DurationParser.TryParse(parseResult.GetValue(wait), out var w) ? w : null;
                var urls = (parseResult.GetValue(waitFor) ?? []).Select(u => IsPollable(u, out var uri) ? uri : null).OfType<Uri>().ToList();
                var settings = new RotateSettings
                {
                    Json = useJson,
                    Wait = waitValue,
                    WaitFor = urls,
                    KeepOldEnabled = parseResult.GetValue(keepOld),
                    NewKeyFromStdin = parseResult.GetValue(fromStdin),
                    ConfirmOldDisabled = parseResult.GetValue(confirm),
                    Rollback = parseResult.GetValue(rollback),
                    PreviousKey = string.IsNullOrWhiteSpace(parseResult.GetValue(previousKey)) ? null : parseResult.GetValue(previousKey)!.Trim(),
                    OldKeyFromStdin = parseResult.GetValue(oldFromStdin),
                    Timeout = parseResult.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    Directory = parseResult.GetValue(directory),
                    EnvironmentName = parseResult.GetValue(environment),
                    Account = parseResult.GetValue(account),
                    Source = parseResult.GetValue(source),
                    Overrides = overrides,
                };
                report = await RotateRunner.RunAsync(context, settings, redactor, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigurationLoadException ex)
            {
                report = new RotateReport();
                report.Fail(RotateExitCodes.ConfigurationError, ex.Message);
            }

            await WriteAsync(context, report, useJson, redactor).ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }

    /// <summary>Writes the report (JSON or text; the error to standard error in text mode), masking every secret met.</summary>
    internal static async Task WriteAsync(CliContext context, RotateReport report, bool json, SecretRedactor redactor)
    {
        if (json)
        {
            await context.Output.WriteLineAsync(redactor.Redact(RotateReportWriter.ToJson(report))).ConfigureAwait(false);
            return;
        }

        await context.Output.WriteAsync(redactor.Redact(RotateReportWriter.ToText(report))).ConfigureAwait(false);
        if (report.Error is not null)
        {
            await context.Error.WriteLineAsync(redactor.Redact("Error: " + report.Error)).ConfigureAwait(false);
        }
    }

    private static bool IsPollable(string? value, out Uri uri)
    {
        uri = null!;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var parsed) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return false;
        }

        uri = parsed;
        return parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback);
    }
}
