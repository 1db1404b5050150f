using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MinimalApi;
using SecureCloudinary.Testing;

namespace SecureCloudinary.MinimalApi.Tests;

/// <summary>Runs the MinimalApi sample in-process on Kestrel at http://127.0.0.1:(free port), against its emulator.</summary>
internal sealed class SampleServer : IAsyncDisposable
{
    private readonly MinimalApiApp _sample;

    private SampleServer(MinimalApiApp sample, Uri address, string consoleOutput)
    {
        _sample = sample;
        Address = address;
        ConsoleOutput = consoleOutput;
        Http = new HttpClient { BaseAddress = address };
    }

    /// <summary>The sample's address, ending in '/'.</summary>
    public Uri Address { get; }

    /// <summary>What the sample wrote to its console.</summary>
    public string ConsoleOutput { get; }

    public CloudinaryEmulator Emulator => _sample.Emulator ?? throw new InvalidOperationException("The sample is not on the emulator.");

    public HttpClient Http { get; }

    public static async Task<SampleServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = SampleDirectory(),
            EnvironmentName = "Production",
        });

        // No environment variables or appsettings: a CLOUDINARY_URL on the test machine must not turn this test
        // into a run against a real account.
        ((IConfigurationBuilder)builder.Configuration).Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        using var output = new StringWriter();
        var sample = await MinimalApiApp.CreateAsync(builder, output, cancellationToken);
        try
        {
            await sample.App.StartAsync(cancellationToken);
            var address = new Uri(sample.App.Urls.Single().TrimEnd('/') + "/");
            return new SampleServer(sample, address, output.ToString());
        }
        catch
        {
            await sample.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _sample.App.StopAsync(CancellationToken.None);
        await _sample.DisposeAsync();
    }

    // The sample's project folder (for wwwroot), found from the test's output folder.
    private static string SampleDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "MinimalApi");
            if (File.Exists(Path.Combine(candidate, "wwwroot", "index.html")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/MinimalApi/wwwroot not found above " + AppContext.BaseDirectory);
    }
}
