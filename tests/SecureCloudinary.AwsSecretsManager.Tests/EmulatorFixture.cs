using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>Starts a fresh emulator per test class instance (xunit creates one per test).</summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    protected SecretsManagerEmulator Emulator { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static CloudinaryCredentials Alpha { get; } = new("alpha-cloud", "123456789012345", "alpha-secret-value");

    protected static CloudinaryCredentials Beta { get; } = new("alpha-cloud", "987654321098765", "beta-secret-value");

    protected virtual SecretsManagerEmulatorOptions? EmulatorOptions => null;

    public async ValueTask InitializeAsync() => Emulator = await SecretsManagerEmulator.StartAsync(EmulatorOptions, Ct);

    public virtual async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
