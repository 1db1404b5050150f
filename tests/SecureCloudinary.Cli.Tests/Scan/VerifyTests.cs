using System.Net;
using System.Net.Sockets;
using System.Text;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

public sealed class VerifyTests
{
    [Fact]
    public async Task Verify_LiveDisabledAndIncompleteKeys_SaysSoPlainly()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var emulator = fixture.Emulator;
        var live = emulator.AddApiKey("111222333444555", "Lv7Qm2XkR9wTn4BpZ6sHcJ3dFg8");
        var disabled = emulator.AddApiKey("666777888999000", "Dz3Kq8WmT5xRn2LpV7sYcH4jGf9");
        emulator.DisableApiKey(disabled.ApiKey);
        using var dir = new TempDirectory();
        dir.WriteFile("live.py", $"cloudinary.config(\n  cloud_name=\"{emulator.CloudName}\",\n  api_key=\"{live.ApiKey}\",\n  api_secret=\"{live.ApiSecret}\")\n");
        dir.WriteFile("disabled.env", $"CLOUDINARY_URL=cloudinary://{disabled.ApiKey}:{disabled.ApiSecret}@{emulator.CloudName}\n");
        dir.WriteFile("alone.env", "CLOUDINARY_API_SECRET=Xw4Rt9LmQ2vNk7BpZ5sHcJ8dFg6\n");

        var result = await ScanCli.RunAsync(dir.Path, emulator.BaseAddress, "--verify");

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal(
            [
                "    verify: not checked: no API key or cloud name was found next to this secret.",
                "    verify: not live: Cloudinary rejected this key (HTTP 401).",
                $"    verify: LIVE: Cloudinary accepted this key (cloud {emulator.CloudName}, key ...4555). Rotate the secret now.",
            ],
            lines.Where(l => l.StartsWith("    verify:", StringComparison.Ordinal)));
        Assert.Equal(2, emulator.Requests.Count(r => r.Path.EndsWith("/ping", StringComparison.Ordinal)));
        ScanCli.AssertNoSecret(result.AllText, live.ApiSecret, disabled.ApiSecret, "Xw4Rt9LmQ2vNk7BpZ5sHcJ8dFg6");
    }

    [Fact]
    public async Task Verify_AddressAnswersWithARedirect_DoesNotFollowIt()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var emulator = fixture.Emulator;
        var live = emulator.Credentials;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var target = new Uri(emulator.BaseAddress, $"v1_1/{live.CloudName}/ping");
        var redirector = RedirectEveryRequestAsync(listener, target, stop.Token);
        using var dir = new TempDirectory();
        dir.WriteFile("app.env", $"CLOUDINARY_URL=cloudinary://{live.ApiKey}:{live.ApiSecret}@{live.CloudName}\n");

        var result = await ScanCli.RunAsync(dir.Path, new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"), "--verify");
        await stop.CancelAsync();
        await redirector;

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.Empty(emulator.Requests);
        Assert.DoesNotContain("LIVE", result.Output, StringComparison.Ordinal);
        ScanCli.AssertNoSecret(result.AllText, live.ApiSecret);
    }

    private static async Task RedirectEveryRequestAsync(TcpListener listener, Uri location, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var received = new StringBuilder();
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                var answer = $"HTTP/1.1 307 Temporary Redirect\r\nLocation: {location.AbsoluteUri}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }

    [Fact]
    public async Task Scan_WithoutVerify_SendsNothing()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var live = fixture.Emulator.Credentials;
        using var dir = new TempDirectory();
        dir.WriteFile("app.env", $"CLOUDINARY_URL=cloudinary://{live.ApiKey}:Lv7Qm2XkR9wTn4BpZ6sHcJ3dFg8@{live.CloudName}\n");

        var result = await ScanCli.RunAsync(dir.Path, fixture.Emulator.BaseAddress);

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.DoesNotContain("verify:", result.Output, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Requests);
    }
}
