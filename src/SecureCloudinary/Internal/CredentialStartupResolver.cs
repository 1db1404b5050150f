using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SecureCloudinary.Internal;

/// <summary>
/// Resolves the credentials while the host starts when <see cref="SecureCloudinaryOptions.ResolveOnStart"/> is
/// true, so missing or invalid settings stop the start with the source's message instead of failing the
/// first request.
/// </summary>
internal sealed class CredentialStartupResolver : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly IOptions<SecureCloudinaryOptions> _options;
    private readonly ILogger _logger;

    public CredentialStartupResolver(
        IServiceProvider services,
        IOptions<SecureCloudinaryOptions> options,
        ILogger<CredentialStartupResolver>? logger = null)
    {
        _services = services;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Value.ResolveOnStart)
        {
            return;
        }

        // Resolved here, not in the constructor, so ResolveOnStart = false never touches the source.
        var provider = _services.GetRequiredService<ICloudinaryCredentialProvider>();
        _logger.ResolvingOnStart(provider.SourceName);
        await provider.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
