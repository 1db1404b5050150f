using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.Testing.Conjur;

namespace SecureCloudinary.Conjur.Tests;

/// <summary>An emulator with one host (<c>host/apps/web</c>) allowed to read the variables the tests use.</summary>
internal sealed class ConjurTestKit : IAsyncDisposable
{
    public const string HostId = "apps/web";
    public const string Login = "host/apps/web";
    public const string UrlVariable = "apps/web/cloudinary-url";

    private readonly HttpClient _http = new();

    private ConjurTestKit(ConjurEmulator emulator, string apiKey, FakeTimeProvider time)
    {
        Emulator = emulator;
        ApiKey = apiKey;
        Time = time;
    }

    public ConjurEmulator Emulator { get; }

    public string ApiKey { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; } = new();

    public static async Task<ConjurTestKit> StartAsync(CancellationToken ct, Action<ConjurEmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var options = new ConjurEmulatorOptions { TimeProvider = time };
        configure?.Invoke(options);
        var emulator = await ConjurEmulator.StartAsync(options, ct);
        var apiKey = emulator.AddHost(HostId);
        return new ConjurTestKit(emulator, apiKey, time);
    }

    /// <summary>Writes a variable and lets the test host read it.</summary>
    public int Set(string id, string value)
    {
        Emulator.Permit(Login, id);
        return Emulator.SetSecret(id, value);
    }

    public ConjurCredentialSourceOptions Options(Action<ConjurCredentialSourceOptions>? configure = null)
    {
        var options = new ConjurCredentialSourceOptions
        {
            ApplianceUrl = Emulator.BaseAddress,
            Account = Emulator.Account,
            Login = Login,
            ApiKey = ApiKey,
            Variable = UrlVariable,
            MaxRetries = 0,
        };
        configure?.Invoke(options);
        return options;
    }

    public ConjurCredentialSource Source(Action<ConjurCredentialSourceOptions>? configure = null) =>
        new(_http, Options(configure), Time, LoggerFactory());

    public ILoggerFactory LoggerFactory() =>
        Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));

    public IEnumerable<EmulatedConjurRequest> Requests(string pathContains) =>
        Emulator.Requests.Where(r => r.Target.Contains(pathContains, StringComparison.Ordinal));

    /// <summary>Asserts a text never appears in the logs.</summary>
    public void AssertNotLogged(string text)
    {
        foreach (var record in Logs.GetSnapshot())
        {
            Assert.DoesNotContain(text, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(text, record.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Emulator.DisposeAsync();
    }
}
