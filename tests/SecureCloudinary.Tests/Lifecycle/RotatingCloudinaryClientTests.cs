using Microsoft.Extensions.DependencyInjection;

namespace SecureCloudinary.Tests.Lifecycle;

public sealed class RotatingCloudinaryClientTests
{
    private sealed class OtherSdkClient(CloudinaryCredentials credentials) : IDisposable
    {
        public CloudinaryCredentials Credentials { get; } = credentials;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task GetClientAsync_SameCredentials_ReturnsTheSameInstance()
    {
        using var kit = new LifecycleKit();
        var built = 0;
        using var holder = new RotatingCloudinaryClient<OtherSdkClient>(kit.Provider, c => { built++; return new OtherSdkClient(c); });

        var a = await holder.GetClientAsync(LifecycleKit.Ct);
        kit.Time.Advance(TimeSpan.FromMinutes(5)); // refresh with the same version
        var b = await holder.GetClientAsync(LifecycleKit.Ct);

        Assert.Same(a, b);
        Assert.Equal(1, built);
    }

    [Fact]
    public async Task GetClientAsync_AfterRotation_BuildsANewClientWithTheNewCredentials()
    {
        using var kit = new LifecycleKit();
        using var holder = new RotatingCloudinaryClient<OtherSdkClient>(kit.Provider, c => new OtherSdkClient(c));
        var before = await holder.GetClientAsync(LifecycleKit.Ct);
        kit.Source.Next = LifecycleKit.Snap(2);

        kit.Time.Advance(TimeSpan.FromMinutes(5));
        var after = await holder.GetClientAsync(LifecycleKit.Ct);

        Assert.NotSame(before, after);
        Assert.Equal(kit.Source.Next.Credentials, after.Credentials);
        Assert.False(before.Disposed);
        holder.Dispose();
        Assert.True(after.Disposed);
    }

    [Fact]
    public async Task AddSecureCloudinaryClient_ResolvesAHolderBuiltFromTheConfiguredSource()
    {
        var services = new ServiceCollection();
        services.AddSecureCloudinary(o => o.Source = "Scripted")
            .AddCredentialSource("Scripted", _ => new ScriptedCredentialSource(LifecycleKit.Snap(7)));
        services.AddSecureCloudinaryClient(c => new OtherSdkClient(c));
        services.AddSecureCloudinaryClient(c => new OtherSdkClient(c));
        await using var provider = services.BuildServiceProvider();

        var client = await provider.GetRequiredService<RotatingCloudinaryClient<OtherSdkClient>>().GetClientAsync(LifecycleKit.Ct);

        Assert.Equal(LifecycleKit.Snap(7).Credentials, client.Credentials);
        Assert.Single(services, d => d.ServiceType == typeof(RotatingCloudinaryClient<OtherSdkClient>));
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        using var kit = new LifecycleKit();
        Assert.Throws<ArgumentNullException>("provider", () => new RotatingCloudinaryClient<object>(null!, c => c));
        Assert.Throws<ArgumentNullException>("factory", () => new RotatingCloudinaryClient<object>(kit.Provider, null!));
        Assert.Throws<ArgumentNullException>("factory", () => new ServiceCollection().AddSecureCloudinaryClient<object>(null!));
    }
}
