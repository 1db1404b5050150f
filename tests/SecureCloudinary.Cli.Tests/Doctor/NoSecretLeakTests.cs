using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Doctor;

/// <summary>
/// Runs doctor down every path (success, each failure, both output modes) with a sentinel secret and asserts it
/// never appears in anything the tool prints — and that the tool's own masking was never needed, i.e. the
/// messages from the sources, the client and the options were clean on their own.
/// </summary>
public sealed class NoSecretLeakTests
{
    // Needs percent-encoding in a URL; every raw or encoded form contains the marker.
    private const string Sentinel = "Sentinel/Secret+Marker42xyzzy";
    private const string Marker = "Marker42xyzzy";
    private const string SentinelKey = "987654321098765";

    public static TheoryData<string> Scenarios() =>
    [
        "ok-json", "ok-text", "no-ping", "disabled-key-json", "disabled-key-text", "removed-key", "server-error", "unreachable",
        "unknown-source", "known-backend-missing", "missing-cloud-name", "missing-api-key", "malformed-url-scheme",
        "malformed-url-no-cloud", "invalid-cloud-name", "malformed-appsettings", "insecure-api-base", "bad-chunk-size",
        "mistyped-option", "positional-url",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Doctor_EveryPath_NeverPrintsTheSecret(string scenario)
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var credentials = fixture.Emulator.AddApiKey(SentinelKey, Sentinel);
        var url = credentials.ToCloudinaryUrl();
        var environment = EmulatorFixture.ConfigurationSourceEnvironment(credentials);
        string[] args = ["doctor", "--json"];
        switch (scenario)
        {
            case "ok-json":
                break;
            case "ok-text":
                args = ["doctor"];
                break;
            case "no-ping":
                args = ["doctor", "--no-ping"];
                break;
            case "disabled-key-json":
                fixture.Emulator.DisableApiKey(SentinelKey);
                break;
            case "disabled-key-text":
                fixture.Emulator.DisableApiKey(SentinelKey);
                args = ["doctor"];
                break;
            case "removed-key":
                fixture.Emulator.RemoveApiKey(SentinelKey);
                args = ["doctor"];
                break;
            case "server-error":
                fixture.Emulator.FailNextRequests(5, HttpStatusCode.ServiceUnavailable);
                break;
            case "unreachable":
                environment["Cloudinary__Url"] = new CloudinaryCredentials("demo", SentinelKey, Sentinel,
                    new CloudinaryUrlSettings { UploadPrefix = new Uri("http://127.0.0.1:9") }).ToCloudinaryUrl();
                args = ["doctor", "--timeout", "10"];
                break;
            case "unknown-source":
                environment["Cloudinary__Source"] = "Nope";
                break;
            case "known-backend-missing":
                args = ["doctor", "--source", "AwsSecretsManager"];
                break;
            case "missing-cloud-name":
                environment.Remove("Cloudinary__Url");
                environment["Cloudinary__ApiKey"] = SentinelKey;
                environment["Cloudinary__ApiSecret"] = Sentinel;
                break;
            case "missing-api-key":
                environment["Cloudinary__Url"] = "cloudinary://" + Uri.EscapeDataString(Sentinel) + "@demo";
                args = ["doctor"];
                break;
            case "malformed-url-scheme":
                environment["Cloudinary__Url"] = url.Replace("cloudinary://", "https://", StringComparison.Ordinal);
                break;
            case "malformed-url-no-cloud":
                environment["Cloudinary__Url"] = $"cloudinary://{SentinelKey}:{Uri.EscapeDataString(Sentinel)}@";
                args = ["doctor"];
                break;
            case "invalid-cloud-name":
                environment.Remove("Cloudinary__Url");
                environment["Cloudinary__CloudName"] = "bad name";
                environment["Cloudinary__ApiKey"] = SentinelKey;
                environment["Cloudinary__ApiSecret"] = Sentinel;
                break;
            case "malformed-appsettings":
                dir.WriteFile("appsettings.json", "{ \"Cloudinary\": { \"ApiSecret\": " + Sentinel + " } }");
                break;
            case "insecure-api-base":
                args = ["doctor", "--Cloudinary:ApiBaseAddress=http://api.example.com"];
                break;
            case "bad-chunk-size":
                args = ["doctor", "--json", "--Cloudinary:ChunkSize=" + Sentinel];
                break;
            case "mistyped-option":
                args = ["doctor", "--api-secret=" + Sentinel];
                break;
            case "positional-url":
                args = ["doctor", url];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario.");
        }

        var result = await CliRunner.RunAsync(environment, dir.Path, args);

        Assert.DoesNotContain(Marker, result.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretRedactor.Mask, result.AllText, StringComparison.Ordinal);
        Assert.NotEqual(string.Empty, result.AllText.Trim());
        var expectedExit = scenario switch
        {
            "ok-json" or "ok-text" or "no-ping" => ExitCodes.Ok,
            "disabled-key-json" or "disabled-key-text" or "removed-key" or "server-error" or "unreachable" => ExitCodes.CloudinaryFailed,
            "missing-cloud-name" or "missing-api-key" or "malformed-url-scheme" or "malformed-url-no-cloud" or "invalid-cloud-name" => ExitCodes.SourceFailed,
            _ => ExitCodes.ConfigurationError,
        };
        Assert.Equal(expectedExit, result.ExitCode);
    }

    [Fact]
    public async Task Doctor_SourceMessageEchoingSecret_IsMaskedByTheTool()
    {
        // A misbehaving source (say, a future backend with a bug) that puts the secret it read into its message.
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?> { ["Cloudinary__Source"] = "Leaky", ["Cloudinary__Leaky__ApiSecret"] = Sentinel };

        var result = await CliRunner.RunAsync(
            environment,
            dir.Path,
            services => services
                .AddSecureCloudinary(new ConfigurationBuilder().Build().GetSection("Cloudinary"))
                .AddCredentialSource("Leaky", _ => new LeakySource()),
            "doctor");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        Assert.DoesNotContain(Marker, result.AllText, StringComparison.Ordinal);
        Assert.Contains("leaked [redacted]", result.Error, StringComparison.Ordinal);
    }

    private sealed class LeakySource : ICloudinaryCredentialSource
    {
        public string Name => "Leaky";

        public ValueTask<CredentialSnapshot> GetCredentialsAsync(CancellationToken cancellationToken = default) =>
            throw new CloudinaryCredentialException(Name, CredentialFailureReason.AccessDenied, "leaked " + Sentinel);
    }
}
