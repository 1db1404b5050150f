using SecureCloudinary.Testing;

namespace SecureCloudinary.Cli.Tests.TestSupport;

/// <summary>One emulator per test, with helpers that point the CLI's configuration at it.</summary>
internal sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(CloudinaryEmulator emulator) => Emulator = emulator;

    public CloudinaryEmulator Emulator { get; }

    public static async Task<EmulatorFixture> StartAsync() =>
        new(await CloudinaryEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken));

    /// <summary>Environment variables selecting the Configuration source with the given credentials.</summary>
    public static Dictionary<string, string?> ConfigurationSourceEnvironment(CloudinaryCredentials credentials) => new()
    {
        ["Cloudinary__Source"] = "Configuration",
        ["Cloudinary__Url"] = credentials.ToCloudinaryUrl(),
    };

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
