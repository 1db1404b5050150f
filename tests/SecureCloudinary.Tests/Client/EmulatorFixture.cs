using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing;

namespace SecureCloudinary.Tests.Client;

/// <summary>A running emulator plus a client talking to it through a swappable provider.</summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(CloudinaryEmulator emulator, HttpMessageHandler handler, CloudinaryClientOptions? options, TimeProvider? clientTime)
    {
        Emulator = emulator;
        HttpClient = new HttpClient(handler);
        Provider = new SwappableCredentialProvider(emulator.Credentials);
        Client = new CloudinaryClient(HttpClient, Provider, options, clientTime);
    }

    public CloudinaryEmulator Emulator { get; }

    public HttpClient HttpClient { get; }

    public SwappableCredentialProvider Provider { get; }

    public CloudinaryClient Client { get; }

    public static async Task<EmulatorFixture> StartAsync(
        CloudinaryClientOptions? options = null,
        CloudinaryEmulatorOptions? emulatorOptions = null,
        TimeProvider? clientTime = null,
        Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var emulator = await CloudinaryEmulator.StartAsync(emulatorOptions, TestContext.Current.CancellationToken);
        HttpMessageHandler handler = new SocketsHttpHandler();
        return new EmulatorFixture(emulator, wrap is null ? handler : wrap(handler), options, clientTime);
    }

    public async ValueTask DisposeAsync()
    {
        HttpClient.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>After the first response, moves the client's clock to the emulator's (a stale client clock corrected).</summary>
public sealed class ClockCorrectingHandler(HttpMessageHandler inner, FakeTimeProvider clientTime, TimeProvider serverTime)
    : DelegatingHandler(inner)
{
    public int Sent { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Sent++;
        clientTime.SetUtcNow(serverTime.GetUtcNow());
        return response;
    }
}
