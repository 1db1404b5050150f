using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Doctor;

/// <summary>
/// <c>doctor --all</c>: runs <see cref="DoctorRunner"/> for the unnamed <c>Cloudinary</c> configuration (when it has
/// settings beyond <c>Accounts</c>, or when there are no accounts) and for every child of <c>Cloudinary:Accounts</c>,
/// one after the other, each with its own timeout. A failing account does not stop the others.
/// </summary>
internal static class DoctorAllRunner
{
    /// <summary>Checks every account.</summary>
    /// <param name="context">Environment, working directory and service hooks.</param>
    /// <param name="settings">The parsed command line (its <see cref="DoctorSettings.Account"/> and <see cref="DoctorSettings.Source"/> are null).</param>
    /// <param name="redactor">Collects the secrets met on the way.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The reports, warnings and exit code.</returns>
    public static async Task<DoctorAllReport> RunAsync(
        CliContext context, DoctorSettings settings, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(redactor);
        var all = new DoctorAllReport();
        var accounts = new List<string?>();
        try
        {
            var configuration = CliConfiguration.Build(
                context.Environment, settings.Directory ?? context.WorkingDirectory, settings.EnvironmentName, settings.Overrides);
            redactor.AddFrom(configuration);
            var names = CliAccounts.Names(configuration);
            if (names.Count == 0 || CliAccounts.HasUnnamedSettings(configuration))
            {
                accounts.Add(null);
            }

            accounts.AddRange(names);
        }
        catch (ConfigurationLoadException ex)
        {
            all.Fail(ex.Message);
            return all;
        }

        foreach (var account in accounts)
        {
            var report = await DoctorRunner.RunAsync(context, settings with { Account = account, Source = null }, redactor, cancellationToken)
                .ConfigureAwait(false);
            report.Account = account;
            all.Accounts.Add(report);
        }

        AddSharedKeyWarnings(all);
        return all;
    }

    /// <summary>One warning per pair of accounts that resolved to the same cloud and API key (as the library's log event 1021).</summary>
    private static void AddSharedKeyWarnings(DoctorAllReport all)
    {
        var resolved = all.Accounts.Where(a => a.KeyIdentity is not null).ToList();
        for (var i = 0; i < resolved.Count; i++)
        {
            for (var j = i + 1; j < resolved.Count; j++)
            {
                var (first, second) = (resolved[i], resolved[j]);
                if (string.Equals(first.KeyIdentity, second.KeyIdentity, StringComparison.Ordinal))
                {
                    all.Warnings.Add(
                        $"accounts '{CliAccounts.Display(first.Account)}' and '{CliAccounts.Display(second.Account)}' resolve to the same cloud "
                        + $"'{first.CloudName}' and API key (fingerprint {first.Fingerprint}): rotating or revoking the key of one changes the other too; "
                        + "give each account its own key.");
                }
            }
        }
    }
}
