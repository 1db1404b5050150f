using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using SecureCloudinary.Cli.Configuration;
using SecureCloudinary.Provisioning;

namespace SecureCloudinary.Cli.Rotate;

/// <summary>
/// Runs <c>rotate</c>: resolve the current key through the configured source (as <c>doctor</c> does), create a new key
/// (Provisioning API) or read one from standard input (guided mode), check it with an Admin ping, write it to the
/// store, read it back, wait for the fleet, then disable the old key. Every failure leaves a state from which
/// running again is safe, and maps to an exit code in <see cref="RotateExitCodes"/>.
/// </summary>
internal sealed class RotateRunner
{
    /// <summary>Names of keys created by rotate start with this; the rest says which key they replace.</summary>
    public const string KeyNamePrefix = "secure-cloudinary-";

    private const string ReplacesMarker = "-replaces-";
    private static readonly TimeSpan[] VerifyDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly CliContext _context;
    private readonly RotateSettings _settings;
    private readonly SecretRedactor _redactor;
    private readonly RotateReport _report = new();
    private RotationEnvironment _env = null!;
    private ICloudinaryCredentialStoreWriter _writer = null!;
    private TimeSpan _wait;
    private ProvisioningAccessKey? _createdKey;
    private bool _stored;

    private RotateRunner(CliContext context, RotateSettings settings, SecretRedactor redactor)
    {
        _context = context;
        _settings = settings;
        _redactor = redactor;
    }

    private TimeProvider Time => _context.TimeProvider;

    /// <summary>Runs the rotation.</summary>
    /// <returns>The report with its exit code.</returns>
    public static async Task<RotateReport> RunAsync(CliContext context, RotateSettings settings, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(redactor);
        var runner = new RotateRunner(context, settings, redactor);
        await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        return runner._report;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        CloudinaryAccountCredentials? account;
        try
        {
            _env = RotationEnvironment.Create(_context, _settings, _redactor);
        }
        catch (Exception ex) when (ex is ConfigurationLoadException or OptionsValidationException or InvalidOperationException)
        {
            _report.Fail(RotateExitCodes.ConfigurationError, ConfigurationMessage(ex));
            return;
        }

        await using (_env.ConfigureAwait(false))
        {
            _report.Source = _env.SourceName;
            _report.Account = _env.Account;
            try
            {
                var writer = _env.CreateWriter();
                if (writer is null)
                {
                    _report.Step("store", "failed", $"the {_env.SourceName} source cannot be written to");
                    _report.Fail(RotateExitCodes.ConfigurationError,
                        $"The '{_env.SourceName}' source ({_env.SectionPath}:Source) is not writable: rotate writes new keys to a secret store "
                        + "(AwsSecretsManager, Vault or Conjur). Rotate the key in the Console and update the environment or configuration yourself.");
                    return;
                }

                _writer = writer;
                account = _env.ReadAccount(_redactor);
            }
            catch (Exception ex) when (ex is ConfigurationLoadException or OptionsValidationException or InvalidOperationException or ArgumentException)
            {
                _report.Fail(RotateExitCodes.ConfigurationError, ConfigurationMessage(ex));
                return;
            }

            _wait = _settings.Wait ?? _env.Options.RotationPickupTime;
            var timeout = _settings.Timeout ?? _wait + TimeSpan.FromMinutes(2);
            using var timer = new CancellationTokenSource(timeout, Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
            try
            {
                await ExecuteAsync(account, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
            {
                var what = ex is OperationCanceledException
                    ? $"Timed out after {timeout.TotalSeconds:0} s (--timeout)."
                    : $"{ex.GetType().Name}: {ex.Message}";
                await AbortAsync(account, what).ConfigureAwait(false);
            }
        }
    }

    private async Task ExecuteAsync(CloudinaryAccountCredentials? account, CancellationToken cancellationToken)
    {
        CredentialSnapshot current;
        try
        {
            current = await _writer.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CloudinaryCredentialException ex)
        {
            _report.Step("resolve-current", "failed", $"{ex.Reason}");
            _report.Fail(RotateExitCodes.StoreFailed, $"Credential source failed ({ex.Reason}): {ex.Message}");
            return;
        }

        _redactor.Add(current.Credentials);
        _report.CloudName = current.Credentials.CloudName;
        _report.OldFingerprint = current.Credentials.Fingerprint;
        _report.StoreVersion = current.Version;
        _report.Step("resolve-current", "ok",
            $"{_env.SourceName} serves key ...{current.Credentials.ApiKeyHint} (fingerprint {current.Credentials.Fingerprint}), version {current.Version ?? "(none)"}");

        if (_settings.Rollback)
        {
            await RollbackAsync(account, current, cancellationToken).ConfigureAwait(false);
        }
        else if (_settings.ConfirmOldDisabled)
        {
            await ConfirmOldDisabledAsync(account, current, cancellationToken).ConfigureAwait(false);
        }
        else if (_settings.NewKeyFromStdin || account is null)
        {
            await GuidedAsync(current, account is null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await AutomatedAsync(_env.CreateProvisioningClient(account), current, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AutomatedAsync(CloudinaryProvisioningClient provisioning, CredentialSnapshot current, CancellationToken cancellationToken)
    {
        ProvisioningSubAccount? sub;
        IReadOnlyList<ProvisioningAccessKey> keys;
        try
        {
            sub = await provisioning.FindSubAccountAsync(current.Credentials.CloudName, cancellationToken).ConfigureAwait(false);
            if (sub is null)
            {
                _report.Step("find-product-environment", "failed", $"no product environment with cloud name {current.Credentials.CloudName}");
                _report.Fail(RotateExitCodes.ConfigurationError,
                    $"Account {provisioning.AccountId} has no product environment with cloud name '{current.Credentials.CloudName}'. "
                    + $"Check {_env.ProvisioningSettings}.");
                return;
            }

            keys = await provisioning.ListAccessKeysAsync(sub.Id, cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                _redactor.Add(key.ApiSecret);
            }
        }
        catch (CloudinaryApiException ex)
        {
            _report.Step("find-product-environment", "failed", Status(ex));
            _report.Fail(ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                ? RotateExitCodes.ConfigurationError
                : RotateExitCodes.KeyNotAccepted, ex.Message);
            return;
        }

        _report.Step("find-product-environment", "ok", $"product environment {sub.Id} ({keys.Count} keys)");

        // A rerun after exit 4: the store already serves a key rotate created, and the key it replaces is still enabled.
        var serving = keys.FirstOrDefault(k => k.ApiKey == current.Credentials.ApiKey);
        if (ReplacedFingerprint(serving?.Name) is { } replaced
            && keys.FirstOrDefault(k => k.Fingerprint == replaced && k.Enabled && k.ApiKey != current.Credentials.ApiKey) is { } unfinished)
        {
            _report.Step("create-key", "skipped", $"the store already serves {serving!.Name}; finishing the rotation away from key ...{unfinished.ApiKeyHint}");
            _report.OldFingerprint = unfinished.Fingerprint;
            _report.NewFingerprint = current.Credentials.Fingerprint;
            _stored = true;
            await WaitAndDisableAsync(provisioning, sub, unfinished, current.Credentials, cancellationToken).ConfigureAwait(false);
            return;
        }

        var name = KeyNamePrefix + Time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ReplacesMarker + current.Credentials.Fingerprint;
        try
        {
            _createdKey = await provisioning.GenerateAccessKeyAsync(sub.Id, name, enabled: true, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudinaryApiException ex)
        {
            _report.Step("create-key", "failed", Status(ex));
            _report.Fail(RotateExitCodes.KeyNotAccepted, ex.Message);
            return;
        }

        _redactor.Add(_createdKey.ApiSecret);
        var replacement = _createdKey.ToCredentials(current.Credentials.CloudName, current.Credentials.Settings);
        _report.NewFingerprint = replacement.Fingerprint;
        _report.Step("create-key", "ok", $"created {name} (...{_createdKey.ApiKeyHint}, fingerprint {_createdKey.Fingerprint})");

        if (!await VerifyAsync(replacement, cancellationToken).ConfigureAwait(false))
        {
            await DeleteCreatedKeyAsync(provisioning, sub).ConfigureAwait(false);
            return;
        }

        if (!await StoreAsync(current, replacement, cancellationToken).ConfigureAwait(false))
        {
            await DeleteCreatedKeyAsync(provisioning, sub).ConfigureAwait(false);
            return;
        }

        var old = keys.FirstOrDefault(k => k.ApiKey == current.Credentials.ApiKey)
            ?? new ProvisioningAccessKey(current.Credentials.ApiKey, null, null, enabled: true);
        await WaitAndDisableAsync(provisioning, sub, old, replacement, cancellationToken).ConfigureAwait(false);
    }

    private async Task GuidedAsync(CredentialSnapshot current, bool noProvisioning, CancellationToken cancellationToken)
    {
        CloudinaryCredentials replacement;
        try
        {
            replacement = await NewKeyInput.ReadAsync(_context.Input, current.Credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            _report.Step("read-new-key", "failed", "no usable key on standard input");
            var hint = noProvisioning
                ? $" (No provisioning credentials are set — {_env.ProvisioningSettings} — so rotate runs in guided mode.)"
                : string.Empty;
            _report.Fail(RotateExitCodes.ConfigurationError, (ex is FormatException ? ex.Message : "The new key on standard input is not valid.") + hint);
            return;
        }

        _redactor.Add(replacement);
        if (replacement.ApiKey == current.Credentials.ApiKey)
        {
            _report.Step("read-new-key", "failed", "the key on standard input is the one the store serves");
            _report.Fail(RotateExitCodes.ConfigurationError, "The key on standard input is the one the store already serves; create a new key in the Console.");
            return;
        }

        _report.NewFingerprint = replacement.Fingerprint;
        _report.Step("read-new-key", "ok", $"key ...{replacement.ApiKeyHint} (fingerprint {replacement.Fingerprint}) from standard input");
        if (!await VerifyAsync(replacement, cancellationToken).ConfigureAwait(false)
            || !await StoreAsync(current, replacement, cancellationToken).ConfigureAwait(false)
            || !await WaitForFleetAsync(replacement.Fingerprint, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        _report.Step("disable-old", "manual", $"disable key ...{current.Credentials.ApiKeyHint} (fingerprint {current.Credentials.Fingerprint}) in the Console");
        var confirm = await KeepsPreviousAsync(current, cancellationToken).ConfigureAwait(false) || !noProvisioning
            ? "'secure-cloudinary rotate --confirm-old-disabled'"
            : $"'secure-cloudinary rotate --confirm-old-disabled --old-key-from-stdin' with the old key piped in (the {_env.SourceName} store keeps no earlier value)";
        _report.Instructions.Add(
            $"Now disable the old key in the Cloudinary Console (Settings > API Keys, cloud {current.Credentials.CloudName}): the key ending "
            + $"...{current.Credentials.ApiKeyHint} (fingerprint {current.Credentials.Fingerprint}). Then run "
            + confirm + " to check that it is refused.");
    }

    /// <summary>Whether the store now keeps the replaced key as its previous value (false for Vault KV v1, or when it cannot tell).</summary>
    private async Task<bool> KeepsPreviousAsync(CredentialSnapshot replaced, CancellationToken cancellationToken)
    {
        try
        {
            var previous = await _writer.ReadPreviousAsync(cancellationToken).ConfigureAwait(false);
            return previous?.Credentials.ApiKey == replaced.Credentials.ApiKey;
        }
        catch (CloudinaryCredentialException)
        {
            return false;
        }
    }

    private async Task RollbackAsync(CloudinaryAccountCredentials? account, CredentialSnapshot current, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            _report.Fail(RotateExitCodes.ConfigurationError,
                $"--rollback needs the Provisioning API to re-enable the previous key: set {_env.ProvisioningSettings}.");
            return;
        }

        var found = await FindPreviousAsync(account, current, cancellationToken).ConfigureAwait(false);
        if (found is not { } previousFound)
        {
            return;
        }

        var previous = previousFound.Credentials;
        _report.OldFingerprint = current.Credentials.Fingerprint;
        _report.NewFingerprint = previous.Fingerprint;
        var provisioning = _env.CreateProvisioningClient(account);
        ProvisioningSubAccount? sub;
        try
        {
            sub = await provisioning.FindSubAccountAsync(current.Credentials.CloudName, cancellationToken).ConfigureAwait(false);
            if (sub is null)
            {
                _report.Fail(RotateExitCodes.ConfigurationError, $"Account {provisioning.AccountId} has no product environment with cloud name '{current.Credentials.CloudName}'.");
                return;
            }

            await provisioning.UpdateAccessKeyAsync(sub.Id, previous.ApiKey, enabled: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            _report.Step("enable-previous", "ok", $"enabled key ...{previous.ApiKeyHint}");
        }
        catch (CloudinaryApiException ex)
        {
            _report.Step("enable-previous", "failed", Status(ex));
            _report.Fail(RotateExitCodes.KeyNotAccepted, ex.Message);
            return;
        }

        if (!await VerifyAsync(previous, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        CredentialSnapshot restored;
        try
        {
            // A value from the store's history is made current again (AWS moves AWSCURRENT back); one taken from the
            // Provisioning API (a store without history) is written as a new value.
            restored = previousFound.Stored is { } stored
                ? await _writer.RestoreAsync(stored, current, cancellationToken).ConfigureAwait(false)
                : await _writer.WriteAsync(current, previous, cancellationToken).ConfigureAwait(false);
            var back = await _writer.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (back.Credentials.ApiKey != previous.ApiKey)
            {
                throw new CloudinaryCredentialException(_env.SourceName, CredentialFailureReason.Unavailable, "The source does not read back the restored key.");
            }
        }
        catch (CloudinaryCredentialException ex)
        {
            _report.Step("restore-store", "failed", ex.Reason.ToString());
            _report.Fail(RotateExitCodes.StoreFailed, $"Restoring the {_env.SourceName} store failed ({ex.Reason}): {ex.Message} The current key stays enabled.");
            return;
        }

        _stored = true;
        _report.StoreVersion = restored.Version;
        _report.Step("restore-store", "ok", $"{_env.SourceName} serves key ...{previous.ApiKeyHint} again");
        var rolledBack = new ProvisioningAccessKey(current.Credentials.ApiKey, null, null, enabled: true);
        await WaitAndDisableAsync(provisioning, sub, rolledBack, previous, cancellationToken).ConfigureAwait(false);
    }

    private async Task ConfirmOldDisabledAsync(CloudinaryAccountCredentials? account, CredentialSnapshot current, CancellationToken cancellationToken)
    {
        var found = await FindPreviousAsync(account, current, cancellationToken).ConfigureAwait(false);
        if (found is not { } previousFound)
        {
            return;
        }

        var previous = previousFound.Credentials;
        _report.OldFingerprint = previous.Fingerprint;
        _report.NewFingerprint = current.Credentials.Fingerprint;
        var answer = await _env.PingAsync(previous, cancellationToken).ConfigureAwait(false);
        if (answer is { Status: HttpStatusCode.Unauthorized })
        {
            _report.OldKeyDisabled = true;
            _report.Step("confirm-old-disabled", "ok", "Cloudinary refuses the old key (HTTP 401)");
            return;
        }

        _report.Step("confirm-old-disabled", "failed", answer is null ? "the old key is still accepted" : $"HTTP {(int?)answer.Value.Status}");
        _report.Fail(RotateExitCodes.KeyNotAccepted, answer is null
            ? $"Cloudinary still accepts the old key ...{previous.ApiKeyHint} (fingerprint {previous.Fingerprint}); disable it in the Console."
            : $"Could not check the old key: {answer.Value.Message}");
    }

    /// <summary>
    /// Finds the key the last rotation replaced: the store's previous value (AWS <c>AWSPREVIOUS</c>, the previous Vault
    /// KV v2 or Conjur version) unless <c>--previous-key</c> names one; when the store keeps no earlier value with another
    /// key (Vault KV v1), the Provisioning API's key list (it returns each key's secret): the key named by
    /// <c>--previous-key</c>, or the one the served key's name (<c>secure-cloudinary-…-replaces-&lt;fingerprint&gt;</c>)
    /// says it replaced; without provisioning credentials, <c>--old-key-from-stdin</c> (confirm only). Null after
    /// reporting why not (exit 2, or 3 when the store failed).
    /// </summary>
    private async Task<PreviousKey?> FindPreviousAsync(CloudinaryAccountCredentials? account, CredentialSnapshot current, CancellationToken cancellationToken)
    {
        var keepsHistory = false;
        if (_settings.PreviousKey is null)
        {
            CredentialSnapshot? stored;
            try
            {
                stored = await _writer.ReadPreviousAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CloudinaryCredentialException ex)
            {
                _report.Step("read-previous", "failed", ex.Reason.ToString());
                _report.Fail(RotateExitCodes.StoreFailed, $"Could not read the previous value from the {_env.SourceName} store ({ex.Reason}): {ex.Message}");
                return null;
            }

            if (stored is not null && stored.Credentials.ApiKey != current.Credentials.ApiKey)
            {
                _redactor.Add(stored.Credentials);
                _report.Step("read-previous", "ok",
                    $"the store's previous value holds key ...{stored.Credentials.ApiKeyHint} (fingerprint {stored.Credentials.Fingerprint})");
                return new PreviousKey(stored.Credentials, stored);
            }

            keepsHistory = stored is not null;
        }

        var noHistory = _settings.PreviousKey is not null
            ? string.Empty
            : keepsHistory
                ? $"The {_env.SourceName} store's previous value holds the key it serves now, "
                : $"The {_env.SourceName} store keeps no earlier value (Vault KV v1 has no versions), ";
        if (account is not null)
        {
            return await FindPreviousInProvisioningAsync(account, current, noHistory, cancellationToken).ConfigureAwait(false);
        }

        if (_settings.ConfirmOldDisabled && _settings.OldKeyFromStdin)
        {
            CloudinaryCredentials old;
            try
            {
                old = await NewKeyInput.ReadAsync(_context.Input, current.Credentials, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                _report.Step("read-previous", "failed", "no usable key on standard input");
                _report.Fail(RotateExitCodes.ConfigurationError,
                    "--old-key-from-stdin: pipe the old key as key:secret or a cloudinary:// URL (the Console shows it under Settings > API Keys).");
                return null;
            }

            _redactor.Add(old);
            if (old.ApiKey == current.Credentials.ApiKey)
            {
                _report.Step("read-previous", "failed", "the key on standard input is the one the store serves");
                _report.Fail(RotateExitCodes.ConfigurationError, "The key on standard input is the one the store serves now, not the old one.");
                return null;
            }

            _report.Step("read-previous", "ok", $"the old key is ...{old.ApiKeyHint} (fingerprint {old.Fingerprint}), from standard input");
            return new PreviousKey(old, null);
        }

        _report.Step("read-previous", "failed", "no previous key in the store and no provisioning credentials");
        _report.Fail(RotateExitCodes.ConfigurationError, (noHistory.Length == 0 ? "--previous-key needs the Provisioning API. " : noHistory + "and ")
            + "no provisioning credentials are set, so rotate cannot tell which key was replaced. Set Cloudinary:Provisioning:AccountUrl "
            + "or CLOUDINARY_ACCOUNT_URL (rotate then finds the key in the Provisioning API's list; --previous-key <api_key> names it)"
            + (_settings.ConfirmOldDisabled ? ", or pipe the old key (key:secret) with --old-key-from-stdin." : "."));
        return null;
    }

    private async Task<PreviousKey?> FindPreviousInProvisioningAsync(
        CloudinaryAccountCredentials account, CredentialSnapshot current, string noHistory, CancellationToken cancellationToken)
    {
        var provisioning = _env.CreateProvisioningClient(account);
        ProvisioningSubAccount? sub;
        IReadOnlyList<ProvisioningAccessKey> keys;
        try
        {
            sub = await provisioning.FindSubAccountAsync(current.Credentials.CloudName, cancellationToken).ConfigureAwait(false);
            if (sub is null)
            {
                _report.Step("read-previous", "failed", $"no product environment with cloud name {current.Credentials.CloudName}");
                _report.Fail(RotateExitCodes.ConfigurationError, $"Account {provisioning.AccountId} has no product environment with cloud name '{current.Credentials.CloudName}'.");
                return null;
            }

            keys = await provisioning.ListAccessKeysAsync(sub.Id, cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                _redactor.Add(key.ApiSecret);
            }
        }
        catch (CloudinaryApiException ex)
        {
            _report.Step("read-previous", "failed", Status(ex));
            _report.Fail(ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                ? RotateExitCodes.ConfigurationError
                : RotateExitCodes.KeyNotAccepted, ex.Message);
            return null;
        }

        ProvisioningAccessKey match;
        string how;
        if (_settings.PreviousKey is { } wanted)
        {
            var named = keys.FirstOrDefault(k => k.ApiKey == wanted || k.Fingerprint == wanted);
            if (named is null)
            {
                _report.Step("read-previous", "failed", "--previous-key is not a key of this product environment");
                _report.Fail(RotateExitCodes.ConfigurationError,
                    $"--previous-key: product environment {sub.Id} ({current.Credentials.CloudName}) has no access key with that API key or fingerprint.");
                return null;
            }

            match = named;
            how = "named by --previous-key";
        }
        else
        {
            var serving = keys.FirstOrDefault(k => k.ApiKey == current.Credentials.ApiKey);
            var replaced = ReplacedFingerprint(serving?.Name);
            var candidates = replaced is null ? [] : keys.Where(k => k.Fingerprint == replaced && k.ApiKey != current.Credentials.ApiKey).ToList();
            if (candidates.Count != 1)
            {
                var why = replaced is null
                    ? $"the key it serves (...{current.Credentials.ApiKeyHint}{(serving?.Name is { } n ? ", named " + n : string.Empty)}) was not created by rotate, so its name does not say which key it replaced"
                    : candidates.Count == 0
                        ? $"the key it replaced (fingerprint {replaced}, from the served key's name) is no longer listed"
                        : $"{candidates.Count} listed keys have the fingerprint the served key's name gives ({replaced})";
                _report.Step("read-previous", "failed", "the previous key cannot be identified");
                _report.Fail(RotateExitCodes.ConfigurationError,
                    $"{noHistory}and {why}. Pass --previous-key <api_key> naming the key to {(_settings.Rollback ? "return to" : "check")} (the Console lists them under Settings > API Keys).");
                return null;
            }

            match = candidates[0];
            how = $"the key {serving!.Name} replaced";
        }

        if (match.ApiKey == current.Credentials.ApiKey || match.ApiSecret is null)
        {
            _report.Step("read-previous", "failed", match.ApiSecret is null ? "the Provisioning API did not return the key's secret" : "that is the key the store serves");
            _report.Fail(RotateExitCodes.ConfigurationError, match.ApiSecret is null
                ? $"The Provisioning API did not return the secret of key ...{match.ApiKeyHint}, so rotate cannot use it."
                : $"--previous-key names key ...{match.ApiKeyHint}, the one the {_env.SourceName} store serves now.");
            return null;
        }

        var previous = match.ToCredentials(current.Credentials.CloudName, current.Credentials.Settings);
        _redactor.Add(previous);
        _report.Step("read-previous", "ok",
            $"{(noHistory.Length == 0 ? string.Empty : "no earlier value in the store; ")}the previous key is ...{match.ApiKeyHint} (fingerprint {match.Fingerprint}), {how}, from the Provisioning API's key list");
        return new PreviousKey(previous, null);
    }

    private async Task<bool> VerifyAsync(CloudinaryCredentials replacement, CancellationToken cancellationToken)
    {
        (HttpStatusCode? Status, string Message)? answer = null;
        var attempts = 0;
        foreach (var delay in VerifyDelays)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
            }

            attempts++;
            answer = await _env.PingAsync(replacement, cancellationToken).ConfigureAwait(false);
            if (answer is null)
            {
                _report.Step("verify-key", "ok", $"Cloudinary accepts the new key (ping, attempt {attempts})");
                return true;
            }

            if (answer.Value.Status != HttpStatusCode.Unauthorized)
            {
                break; // only a 401 can be the new key still propagating
            }
        }

        _report.Step("verify-key", "failed", answer?.Status is { } status ? $"HTTP {(int)status} after {attempts} attempts" : "Cloudinary could not be reached");
        _report.Fail(RotateExitCodes.KeyNotAccepted,
            $"Cloudinary did not accept the new key ({answer?.Message}). " + (_createdKey is null ? "The store was not changed." : "The new key was deleted and the store not changed."));
        return false;
    }

    private async Task<bool> StoreAsync(CredentialSnapshot current, CloudinaryCredentials replacement, CancellationToken cancellationToken)
    {
        CredentialSnapshot written;
        try
        {
            written = await _writer.WriteAsync(current, replacement, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudinaryCredentialException ex)
        {
            _report.Step("write-store", "failed", ex.Reason.ToString());
            _report.Fail(RotateExitCodes.StoreFailed, $"Writing to the {_env.SourceName} store failed ({ex.Reason}): {ex.Message}"
                + (_createdKey is null ? " The store was not changed." : " The new key was deleted; the store was not changed."));
            return false;
        }

        _stored = true;
        _report.StoreVersion = written.Version;
        _report.Step("write-store", "ok", $"{_env.SourceName} stores key ...{replacement.ApiKeyHint}" + (written.Version is null ? string.Empty : $" as version {written.Version}"));

        CredentialSnapshot back;
        try
        {
            back = await _writer.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CloudinaryCredentialException ex)
        {
            back = new CredentialSnapshot(current.Credentials);
            _report.Step("read-back", "failed", ex.Reason.ToString());
        }

        if (back.Credentials.ApiKey != replacement.ApiKey || back.Credentials.ApiSecret != replacement.ApiSecret)
        {
            _report.Step("read-back", "failed", $"the source returns fingerprint {back.Credentials.Fingerprint}, not {replacement.Fingerprint}");
            await _writer.RestoreAsync(current, written, CancellationToken.None).ConfigureAwait(false);
            _stored = false;
            _report.StoreVersion = current.Version;
            _report.Step("restore-store", "ok", "the previous value is current again");
            _report.Fail(RotateExitCodes.StoreFailed,
                $"The {_env.SourceName} source does not read back the key that was written; the previous value was restored.");
            return false;
        }

        _report.Step("read-back", "ok", $"the source returns the new key (fingerprint {back.Credentials.Fingerprint})");
        return true;
    }

    private async Task WaitAndDisableAsync(
        CloudinaryProvisioningClient provisioning, ProvisioningSubAccount sub, ProvisioningAccessKey old, CloudinaryCredentials replacement, CancellationToken cancellationToken)
    {
        if (!await WaitForFleetAsync(replacement.Fingerprint, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (_settings.KeepOldEnabled)
        {
            _report.Step("disable-old", "skipped", $"--keep-old-enabled: key ...{old.ApiKeyHint} stays enabled");
            return;
        }

        try
        {
            await provisioning.UpdateAccessKeyAsync(sub.Id, old.ApiKey, enabled: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (CloudinaryApiException ex)
        {
            _report.Step("disable-old", "failed", Status(ex));
            _report.Fail(RotateExitCodes.KeyNotAccepted,
                $"The new key is stored, but disabling the old key ...{old.ApiKeyHint} failed: {ex.Message} Disable it in the Console, or run rotate again.");
            return;
        }

        _report.OldKeyDisabled = true;
        _report.Step("disable-old", "ok", $"disabled key ...{old.ApiKeyHint} (fingerprint {old.Fingerprint})");
    }

    private async Task<bool> WaitForFleetAsync(string fingerprint, CancellationToken cancellationToken)
    {
        if (_settings.WaitFor.Count == 0)
        {
            if (_wait > TimeSpan.Zero)
            {
                await Task.Delay(_wait, Time, cancellationToken).ConfigureAwait(false);
            }

            _report.Step("wait", "ok", $"waited {_wait.TotalSeconds:0.###} s for every instance to refresh");
            return true;
        }

        var pending = new List<Uri>(_settings.WaitFor);
        var deadline = Time.GetUtcNow() + _wait;
        var http = _env.CreateWaitForClient();
        while (true)
        {
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if (await ShowsAsync(http, pending[i], fingerprint, cancellationToken).ConfigureAwait(false))
                {
                    pending.RemoveAt(i);
                }
            }

            if (pending.Count == 0)
            {
                _report.Step("wait", "ok", $"every --wait-for URL ({_settings.WaitFor.Count}) shows fingerprint {fingerprint}");
                return true;
            }

            var left = deadline - Time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                var names = string.Join(", ", pending.Select(u => u.GetLeftPart(UriPartial.Path)));
                _report.Step("wait", "failed", $"still not on fingerprint {fingerprint}: {names}");
                _report.Fail(RotateExitCodes.FleetNotSwitched,
                    $"Not every instance switched to the new key within {_wait.TotalSeconds:0} s ({names}). The new key is stored and the old key is "
                    + "still enabled; run rotate again to finish.");
                return false;
            }

            await Task.Delay(left < PollInterval ? left : PollInterval, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> ShowsAsync(HttpClient http, Uri url, string fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var buffer = new char[64 * 1024];
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read).Contains(fingerprint, StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task AbortAsync(CloudinaryAccountCredentials? account, string what)
    {
        if (_stored)
        {
            _report.Fail(RotateExitCodes.FleetNotSwitched, what + " The new key is stored and the old key is still enabled; run rotate again to finish.");
            return;
        }

        if (_createdKey is not null && account is not null)
        {
            try
            {
                var provisioning = _env.CreateProvisioningClient(account);
                var sub = await provisioning.FindSubAccountAsync(_report.CloudName!, CancellationToken.None).ConfigureAwait(false);
                if (sub is not null)
                {
                    await DeleteCreatedKeyAsync(provisioning, sub).ConfigureAwait(false);
                }
            }
            catch (CloudinaryApiException)
            {
                // Reported by the step list: the key stays and is named there.
            }
        }

        _report.Fail(_createdKey is null ? RotateExitCodes.ConfigurationError : RotateExitCodes.StoreFailed, what + " The store was not changed.");
    }

    private async Task DeleteCreatedKeyAsync(CloudinaryProvisioningClient provisioning, ProvisioningSubAccount sub)
    {
        if (_createdKey is null)
        {
            return;
        }

        try
        {
            await provisioning.DeleteAccessKeyAsync(sub.Id, _createdKey.ApiKey, CancellationToken.None).ConfigureAwait(false);
            _report.Step("delete-new-key", "ok", $"deleted {_createdKey.Name} (...{_createdKey.ApiKeyHint})");
        }
        catch (CloudinaryApiException ex)
        {
            _report.Step("delete-new-key", "failed", $"{Status(ex)}: delete {_createdKey.Name} in the Console");
        }

        _createdKey = null;
    }

    private static string? ReplacedFingerprint(string? name)
    {
        if (name is null || !name.StartsWith(KeyNamePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var at = name.LastIndexOf(ReplacesMarker, StringComparison.Ordinal);
        return at < 0 ? null : name[(at + ReplacesMarker.Length)..];
    }

    /// <summary>The key to return to or check, and the store's snapshot of it when it came from the store's history.</summary>
    private readonly record struct PreviousKey(CloudinaryCredentials Credentials, CredentialSnapshot? Stored);

    private static string Status(CloudinaryApiException ex) => ex.StatusCode is { } s ? $"HTTP {(int)s}" : "not reachable";

    private static string ConfigurationMessage(Exception ex) => ex switch
    {
        OptionsValidationException => "Invalid configuration: " + ex.Message,
        _ => ex.Message,
    };
}
