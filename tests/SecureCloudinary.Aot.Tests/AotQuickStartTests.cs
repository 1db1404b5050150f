using SecureCloudinary.Testing;

namespace SecureCloudinary.Aot.Tests;

/// <summary>
/// Proves the libraries work under Native AOT: publishes samples/AotQuickStart with <c>PublishAot=true</c>, finds
/// no trim/AOT warning from our code, and runs the native executable against the loopback Cloudinary emulator.
/// </summary>
public sealed class AotQuickStartTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(25);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 45 * 60 * 1000)]
    public async Task Native_executable_resolves_credentials_from_configuration_and_uploads_to_the_emulator()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await NativeToolchain.EnsureAsync(cancellationToken);

        var repositoryRoot = FindRepositoryRoot();
        var gitStatusBefore = await GitStatusAsync(repositoryRoot, cancellationToken);
        var temp = Directory.CreateTempSubdirectory("securecloudinary-aot-");
        try
        {
            var publishFolder = Path.Combine(temp.FullName, "publish");

            // Its own artifacts folder: a full build (so every warning is reported again) that never touches the
            // bin/obj folders of the working tree or of this test run.
            var publish = await ProcessRunner.RunAsync(
                DotnetHost,
                [
                    "publish", Path.Combine(repositoryRoot, "samples", "AotQuickStart", "AotQuickStart.csproj"),
                    "-c", "Release",
                    "-r", "linux-x64",
                    "-o", publishFolder,
                    "--artifacts-path", Path.Combine(temp.FullName, "artifacts"),
                    "-nr:false",
                    "-clp:NoSummary",
                ],
                repositoryRoot,
                environment: null,
                PublishTimeout,
                cancellationToken);

            var ours = TrimWarnings.Ours(publish.AllText);
            Assert.True(ours.Count == 0, "Trim/AOT diagnostics from SecureCloudinary or the sample:\n" + string.Join('\n', ours));
            Assert.True(publish.ExitCode == 0, publish.Describe());
            TestContext.Current.SendDiagnosticMessage(
                "Trim/AOT diagnostics in the publish output (any assembly): {0}", TrimWarnings.All(publish.AllText).Count);

            var executable = Path.Combine(publishFolder, "AotQuickStart");
            Assert.True(File.Exists(executable), $"The publish produced no native executable at {executable}.");
            Assert.False(File.Exists(Path.Combine(publishFolder, "AotQuickStart.dll")), "The publish output is IL, not native code.");

            await using var emulator = await CloudinaryEmulator.StartAsync(cancellationToken: cancellationToken);
            var credentials = emulator.Credentials;
            var run = await ProcessRunner.RunAsync(
                executable,
                [],
                temp.FullName,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Cloudinary__Source"] = "Configuration",
                    ["Cloudinary__Url"] = credentials.ToCloudinaryUrl(),
                    ["Cloudinary__ApiBaseAddress"] = emulator.BaseAddress.ToString(),
                },
                RunTimeout,
                cancellationToken);
            string Mask(string text) => text.Replace(credentials.ApiSecret, "(secret)", StringComparison.Ordinal);

            Assert.True(run.ExitCode == 0, run.Describe(Mask));
            Assert.DoesNotContain(credentials.ApiSecret, run.AllText, StringComparison.Ordinal);

            var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var match = System.Text.RegularExpressions.Regex.Match(
                line, @"^Uploaded (?<id>secure-cloudinary-aot-[0-9a-f]{12}) with key (?<fp>\S+) \((?<bytes>\d+) bytes, png\)\.$");
            Assert.True(match.Success, "Unexpected output line: " + Mask(line));
            Assert.Equal(credentials.Fingerprint, match.Groups["fp"].Value);

            // The emulator stores an upload only after checking its signature with the key's secret.
            var asset = emulator.FindAsset(match.Groups["id"].Value);
            Assert.NotNull(asset);
            Assert.Equal(credentials.ApiKey, asset.UploadedWithApiKey);
            Assert.Equal("png", asset.Format);
            Assert.Equal(long.Parse(match.Groups["bytes"].Value, System.Globalization.CultureInfo.InvariantCulture), asset.Bytes);
            var upload = Assert.Single(emulator.Requests, r => r.Method == "POST" && r.Path.EndsWith("/image/upload", StringComparison.Ordinal));
            Assert.Equal(200, upload.StatusCode);
        }
        finally
        {
            try
            {
                temp.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A child process may still hold a file for a moment; the OS cleans temp folders eventually.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        Assert.Equal(gitStatusBefore, await GitStatusAsync(repositoryRoot, cancellationToken));
    }

    /// <summary>The dotnet executable that runs this test host (the SDK's muxer).</summary>
    private static string DotnetHost => Path.Combine(
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
        OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");

    /// <summary><c>git status --porcelain</c> of the checkout, or null when this is not a git checkout.</summary>
    private static async Task<string?> GitStatusAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        if (!Path.Exists(Path.Combine(repositoryRoot, ".git")) || NativeToolchain.FindOnPath("git") is not { } git)
        {
            return null;
        }

        var status = await ProcessRunner.RunAsync(
            git, ["status", "--porcelain", "--untracked-files=all"], repositoryRoot, null, TimeSpan.FromMinutes(2), cancellationToken);
        Assert.True(status.ExitCode == 0, status.Describe());
        return status.Output;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureCloudinary.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecureCloudinary.sln not found above " + AppContext.BaseDirectory);
    }
}
