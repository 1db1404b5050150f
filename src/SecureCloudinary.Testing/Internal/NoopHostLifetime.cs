using Microsoft.Extensions.Hosting;

namespace SecureCloudinary.Testing.Internal;

/// <summary>Replaces the console lifetime so an emulator neither hooks Ctrl+C nor prints anything.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
