using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureCloudinary.Sources;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Doctor;

public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_ConfigurationSourceAgainstEmulator_JsonHasExactFieldsAndExitsZero()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var credentials = fixture.Emulator.Credentials;

        var result = await CliRunner.RunAsync(EmulatorFixture.ConfigurationSourceEnvironment(credentials), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var expected =
            $$"""{"source":"Configuration","cloudName":"{{fixture.Emulator.CloudName}}","fingerprint":"{{credentials.Fingerprint}}","apiKeyHint":"{{credentials.ApiKey[^4..]}}","version":null,"ping":"ok","error":null,"endpoints":["{{fixture.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority)}}"]}""";
        Assert.Equal(expected, result.Output.TrimEnd('\n'));
        Assert.Contains(fixture.Emulator.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal) && r.StatusCode == 200);
    }

    [Fact]
    public async Task Doctor_DefaultEnvironmentSourceWithCloudinaryUrl_ResolvesPingsAndExitsZero()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var credentials = fixture.Emulator.Credentials;
        // No Cloudinary__Source: the default Environment source reads CLOUDINARY_URL. The test's variables replace the
        // process environment (shared by parallel tests) through the source's lookup.
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CLOUDINARY_URL"] = credentials.ToCloudinaryUrl() };

        var result = await CliRunner.RunAsync(
            new Dictionary<string, string?>(),
            dir.Path,
            services => services.AddSecureCloudinary(_ => { }).AddCredentialSource(
                EnvironmentCredentialSource.SourceName, _ => new EnvironmentCredentialSource(name => variables.GetValueOrDefault(name))),
            "doctor",
            "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var expected =
            $$"""{"source":"Environment","cloudName":"{{fixture.Emulator.CloudName}}","fingerprint":"{{credentials.Fingerprint}}","apiKeyHint":"{{credentials.ApiKey[^4..]}}","version":null,"ping":"ok","error":null,"endpoints":["{{fixture.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority)}}"]}""";
        Assert.Equal(expected, result.Output.TrimEnd('\n'));
        Assert.Contains(fixture.Emulator.Requests, r => r.Path.EndsWith("/ping", StringComparison.Ordinal) && r.StatusCode == 200 && r.ApiKey == credentials.ApiKey);
        Assert.DoesNotContain(credentials.ApiSecret, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_NoPing_ResolvesWithoutCallingCloudinary()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(
            EmulatorFixture.ConfigurationSourceEnvironment(fixture.Emulator.Credentials), dir.Path, "doctor", "--json", "--no-ping");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("skipped", json.RootElement.GetProperty("ping").GetString());
        Assert.Equal(fixture.Emulator.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        Assert.Empty(fixture.Emulator.Requests);
    }

    [Fact]
    public async Task Doctor_HumanOutput_ShowsFieldsAndOkLine()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(EmulatorFixture.ConfigurationSourceEnvironment(fixture.Emulator.Credentials), dir.Path, "doctor");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Source:      Configuration", result.Output, StringComparison.Ordinal);
        Assert.Contains($"Fingerprint: {fixture.Emulator.Credentials.Fingerprint}", result.Output, StringComparison.Ordinal);
        Assert.Contains("Ping:        ok", result.Output, StringComparison.Ordinal);
        // The emulator is on a loopback address: doctor must not call it Cloudinary.
        Assert.Contains("OK: credentials resolved and accepted by the emulator or proxy at 127.0.0.1:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_DisabledKey_ExitsOneWithPingFailed()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        fixture.Emulator.DisableApiKey(fixture.Emulator.Credentials.ApiKey);

        var result = await CliRunner.RunAsync(
            EmulatorFixture.ConfigurationSourceEnvironment(fixture.Emulator.Credentials), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.CloudinaryFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("failed", json.RootElement.GetProperty("ping").GetString());
        Assert.Equal(fixture.Emulator.Credentials.Fingerprint, json.RootElement.GetProperty("fingerprint").GetString());
        Assert.Contains("rejected the credentials (HTTP 401)", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ServerError_ExitsOneNamingTheStatus()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        fixture.Emulator.FailNextRequests(5, System.Net.HttpStatusCode.InternalServerError);

        var result = await CliRunner.RunAsync(
            EmulatorFixture.ConfigurationSourceEnvironment(fixture.Emulator.Credentials), dir.Path, "doctor");

        Assert.Equal(ExitCodes.CloudinaryFailed, result.ExitCode);
        Assert.Contains("Ping:        failed", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("Error: Cloudinary answered HTTP 500", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_UnreachableCloudinary_ExitsOne()
    {
        using var dir = new TempDirectory();
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var credentials = new CloudinaryCredentials("demo", "123456789012345", "unreachable-secret",
            new CloudinaryUrlSettings { UploadPrefix = new Uri($"http://127.0.0.1:{port}") });

        var result = await CliRunner.RunAsync(EmulatorFixture.ConfigurationSourceEnvironment(credentials), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.CloudinaryFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("failed", json.RootElement.GetProperty("ping").GetString());
        Assert.StartsWith("Could not reach Cloudinary", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_UnknownSource_ExitsTwoListingRegisteredSources()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--json", "--source", "Nope");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("Nope", json.RootElement.GetProperty("source").GetString());
        Assert.Equal("skipped", json.RootElement.GetProperty("ping").GetString());
        var error = json.RootElement.GetProperty("error").GetString();
        Assert.Contains("Cloudinary:Source", error, StringComparison.Ordinal);
        // Backend packages add their names to the alphabetical list (e.g. Conjur), so check its shape, not its length.
        Assert.Contains("Registered sources: ", error, StringComparison.Ordinal);
        Assert.Contains("Configuration", error, StringComparison.Ordinal);
        Assert.Contains("Environment", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_MissingCredentials_ExitsThreeNamingTheKeys()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--json", "--source", "Configuration");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("Configuration", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("cloudName").ValueKind);
        var error = json.RootElement.GetProperty("error").GetString();
        Assert.Contains("(NotFound)", error, StringComparison.Ordinal);
        Assert.Contains("Cloudinary:Url", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_PartialCredentials_ExitsThreeNamingTheMissingKey()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?>
        {
            ["Cloudinary__Source"] = "Configuration",
            ["Cloudinary__CloudName"] = "demo",
            ["Cloudinary__ApiKey"] = "123456789012345",
        };

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        Assert.Contains("Cloudinary:ApiSecret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_MalformedUrl_ExitsThreeAsInvalidSecret()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?> { ["Cloudinary__Source"] = "Configuration", ["Cloudinary__Url"] = "https://key:secret@demo" };

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        Assert.Contains("(InvalidSecret)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_InvalidOptionValue_ExitsTwoNamingTheKeyNotTheValue()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--json", "--Cloudinary:ChunkSize=notanumber");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("Cloudinary:ChunkSize", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("notanumber", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_InsecureApiBaseAddress_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(
            new Dictionary<string, string?>(), dir.Path, "doctor", "--json", "--source=Configuration", "--Cloudinary:ApiBaseAddress=http://api.example.com");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("Cloudinary:ApiBaseAddress", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AppSettingsInWorkingFolder_IsRead()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.json", JsonSerializer.Serialize(new
        {
            Cloudinary = new { Source = "Configuration", Url = fixture.Emulator.Credentials.ToCloudinaryUrl() },
        }));

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("\"ping\":\"ok\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_DirectoryOptionAndEnvironmentFile_AreRead()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        using var elsewhere = new TempDirectory();
        dir.WriteFile("appsettings.json", """{ "Cloudinary": { "Source": "Environment" } }""");
        dir.WriteFile("appsettings.Development.json", JsonSerializer.Serialize(new
        {
            Cloudinary = new { Source = "Configuration", Url = fixture.Emulator.Credentials.ToCloudinaryUrl() },
        }));

        var result = await CliRunner.RunAsync(
            new Dictionary<string, string?>(), elsewhere.Path, "doctor", "--json", "--directory", dir.Path, "--environment", "Development");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("\"source\":\"Configuration\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_EnvironmentVariable_OverridesAppSettings()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        dir.WriteFile("appsettings.json", """{ "Cloudinary": { "Source": "NotRegistered", "Url": "cloudinary://1:wrong-secret@wrong" } }""");

        var result = await CliRunner.RunAsync(
            EmulatorFixture.ConfigurationSourceEnvironment(fixture.Emulator.Credentials), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains($"\"cloudName\":\"{fixture.Emulator.CloudName}\"", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Cloudinary:Source=Configuration")]
    [InlineData("--source=Configuration")]
    public async Task Doctor_CommandLine_OverridesEnvironment(string sourceArgument)
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var dir = new TempDirectory();
        var environment = EmulatorFixture.ConfigurationSourceEnvironment(fixture.Emulator.Credentials);
        environment["Cloudinary__Source"] = "NotRegistered";

        var result = await CliRunner.RunAsync(environment, dir.Path, "doctor", "--json", sourceArgument);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("\"ping\":\"ok\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_DefaultEnvironmentSourceWithNoVariables_ExitsThree()
    {
        // The Environment source reads the process environment (the tool passes that same environment to the
        // configuration); this test needs a runner without CLOUDINARY_* variables and never sets any itself.
        if (Environment.GetEnvironmentVariable("CLOUDINARY_URL") is not null
            || Environment.GetEnvironmentVariable("CLOUDINARY_CLOUD_NAME") is not null
            || Environment.GetEnvironmentVariable("CLOUDINARY_API_KEY") is not null
            || Environment.GetEnvironmentVariable("CLOUDINARY_API_SECRET") is not null)
        {
            Assert.Skip("The test process has CLOUDINARY_* variables set.");
        }

        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), dir.Path, "doctor", "--json");

        Assert.Equal(ExitCodes.SourceFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("Environment", json.RootElement.GetProperty("source").GetString());
        Assert.Contains("CLOUDINARY_URL", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
