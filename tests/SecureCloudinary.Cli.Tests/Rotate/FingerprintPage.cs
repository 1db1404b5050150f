using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Cli.Tests.Rotate;

/// <summary>A loopback page standing in for an app's health endpoint: its body is whatever fingerprint the test sets.</summary>
internal sealed class FingerprintPage : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _body = "{\"fingerprint\":null}";

    private FingerprintPage(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<FingerprintPage> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var page = new FingerprintPage(app);
        app.MapGet("/health", () => Results.Text(page._body, "application/json"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        page.Url = new Uri(address.TrimEnd('/') + "/health");
        return page;
    }

    public void Show(string? fingerprint) => _body = $"{{\"fingerprint\":\"{fingerprint}\"}}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
