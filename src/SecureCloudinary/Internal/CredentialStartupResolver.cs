using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SecureCloudinary.Internal;

/// <summary>
/// Resolves the credentials of every registered account (the unnamed one and each named one) while the host starts
/// when its <see cref="SecureCloudinaryOptions.ResolveOnStart"/> is true, so missing or invalid settings stop the
/// start with the source's message instead of failing the first request. Two accounts that resolve to the same cloud
/// and key are reported as a warning (event 1021): usually one account's settings were copied from the other's.
/// </summary>
internal sealed class CredentialStartupResolver : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<SecureCloudinaryOptions> _options;
    private readonly IEnumerable<SecureCloudinaryRegistration> _registrations;
    private readonly ILogger _logger;

    public CredentialStartupResolver(
        IServiceProvider services,
        IOptionsMonitor<SecureCloudinaryOptions> options,
        IEnumerable<SecureCloudinaryRegistration> registrations,
        ILogger<CredentialStartupResolver>? logger = null)
    {
        _services = services;
        _options = options;
        _registrations = registrations;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var resolved = new List<(string Account, CloudinaryCredentials Credentials)>();
        foreach (var registration in _registrations.OrderBy(r => r.Account, StringComparer.Ordinal))
        {
            if (!_options.Get(registration.Account).ResolveOnStart)
            {
                continue;
            }

            // Resolved here, not in the constructor, so ResolveOnStart = false never touches the source.
            var provider = SecureCloudinaryRegistration.GetAccountService<ICloudinaryCredentialProvider>(_services, registration.Account);
            var logger = registration.IsDefault ? _logger : new AccountScopedLogger<CredentialStartupResolver>(_logger, registration.Account);
            logger.ResolvingOnStart(provider.SourceName);
            var snapshot = await provider.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
            resolved.Add((registration.Account, snapshot.Credentials));
        }

        WarnAboutSharedKeys(resolved);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WarnAboutSharedKeys(List<(string Account, CloudinaryCredentials Credentials)> resolved)
    {
        for (var i = 0; i < resolved.Count; i++)
        {
            for (var j = i + 1; j < resolved.Count; j++)
            {
                var (a, first) = resolved[i];
                var (b, second) = resolved[j];
                if (string.Equals(first.CloudName, second.CloudName, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(first.ApiKey, second.ApiKey, StringComparison.Ordinal))
                {
                    _logger.AccountsShareKey(Display(a), Display(b), first.CloudName, first.Fingerprint);
                }
            }
        }
    }

    private static string Display(string account) => account.Length == 0 ? "(unnamed)" : account;
}
