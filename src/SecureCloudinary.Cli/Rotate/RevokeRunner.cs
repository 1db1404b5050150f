using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureCloudinary.Cli.Configuration;

namespace SecureCloudinary.Cli.Rotate;

/// <summary>
/// Runs <c>revoke</c>: disables (or deletes) an access key through the Provisioning API, for example one that
/// <c>scan --verify</c> found live in a repository. Refuses the key the configured store serves now.
/// </summary>
internal static class RevokeRunner
{
    /// <summary>Runs the revocation.</summary>
    /// <returns>The report with its exit code.</returns>
    public static async Task<RotateReport> RunAsync(
        CliContext context, RotateSettings settings, string target, bool delete, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var report = new RotateReport();
        target = target.Trim();
        RotationEnvironment env;
        try
        {
            env = RotationEnvironment.Create(context, settings, redactor);
        }
        catch (Exception ex) when (ex is ConfigurationLoadException or OptionsValidationException or InvalidOperationException)
        {
            report.Fail(RotateExitCodes.ConfigurationError, ex is OptionsValidationException ? "Invalid configuration: " + ex.Message : ex.Message);
            return report;
        }

        await using (env.ConfigureAwait(false))
        {
            report.Source = env.SourceName;
            report.Account = env.Account;
            try
            {
                var account = env.ReadAccount(redactor);
                if (account is null)
                {
                    report.Fail(RotateExitCodes.ConfigurationError,
                        $"revoke needs the Provisioning API: set {env.ProvisioningSettings} "
                        + "(account://<provisioning_key>:<provisioning_secret>@<account_id>), or disable the key in the Console.");
                    return report;
                }

                CredentialSnapshot current;
                try
                {
                    current = await env.Services.GetRequiredService<ICloudinaryCredentialProvider>().GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (CloudinaryCredentialException ex)
                {
                    report.Step("resolve-current", "failed", ex.Reason.ToString());
                    report.Fail(RotateExitCodes.StoreFailed, $"Credential source failed ({ex.Reason}): {ex.Message}");
                    return report;
                }

                redactor.Add(current.Credentials);
                report.CloudName = current.Credentials.CloudName;
                report.NewFingerprint = current.Credentials.Fingerprint;
                report.Step("resolve-current", "ok", $"{env.SourceName} serves key ...{current.Credentials.ApiKeyHint} (fingerprint {current.Credentials.Fingerprint})");
                if (Matches(target, current.Credentials.ApiKey, current.Credentials.Fingerprint))
                {
                    report.Fail(RotateExitCodes.ConfigurationError,
                        $"Key ...{current.Credentials.ApiKeyHint} (fingerprint {current.Credentials.Fingerprint}) is the one {env.SourceName} serves now: "
                        + "run 'secure-cloudinary rotate' first, then revoke it.");
                    return report;
                }

                var provisioning = env.CreateProvisioningClient(account);
                var sub = await provisioning.FindSubAccountAsync(current.Credentials.CloudName, cancellationToken).ConfigureAwait(false);
                if (sub is null)
                {
                    report.Fail(RotateExitCodes.ConfigurationError, $"Account {provisioning.AccountId} has no product environment with cloud name '{current.Credentials.CloudName}'.");
                    return report;
                }

                var keys = await provisioning.ListAccessKeysAsync(sub.Id, cancellationToken).ConfigureAwait(false);
                foreach (var key in keys)
                {
                    redactor.Add(key.ApiSecret);
                }

                var found = keys.FirstOrDefault(k => Matches(target, k.ApiKey, k.Fingerprint));
                if (found is null)
                {
                    report.Step("find-key", "failed", "no such key");
                    report.Fail(RotateExitCodes.ConfigurationError,
                        $"Product environment {current.Credentials.CloudName} has no access key matching the given API key or fingerprint.");
                    return report;
                }

                report.OldFingerprint = found.Fingerprint;
                report.Step("find-key", "ok", $"{found.Name ?? "(unnamed)"} (...{found.ApiKeyHint}, fingerprint {found.Fingerprint}, {(found.Enabled ? "enabled" : "disabled")})");
                if (delete)
                {
                    await provisioning.DeleteAccessKeyAsync(sub.Id, found.ApiKey, cancellationToken).ConfigureAwait(false);
                    report.Step("delete-key", "ok", $"deleted key ...{found.ApiKeyHint}");
                }
                else
                {
                    await provisioning.UpdateAccessKeyAsync(sub.Id, found.ApiKey, enabled: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                    report.Step("disable-key", "ok", $"disabled key ...{found.ApiKeyHint}");
                }

                report.OldKeyDisabled = true;
            }
            catch (ConfigurationLoadException ex)
            {
                report.Fail(RotateExitCodes.ConfigurationError, ex.Message);
            }
            catch (CloudinaryApiException ex)
            {
                report.Fail(ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? RotateExitCodes.ConfigurationError
                    : RotateExitCodes.KeyNotAccepted, ex.Message);
            }
        }

        return report;
    }

    private static bool Matches(string target, string apiKey, string fingerprint) =>
        string.Equals(target, apiKey, StringComparison.Ordinal) || string.Equals(target, fingerprint, StringComparison.OrdinalIgnoreCase);
}
