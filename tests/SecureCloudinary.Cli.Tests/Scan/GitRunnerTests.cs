using System.Diagnostics;
using System.Runtime.InteropServices;
using SecureCloudinary.Cli.Scan;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>Issue 11 item 1: scanning a hostile checkout must not run a program or a command from it.</summary>
public sealed class GitRunnerTests
{
    [Fact]
    public async Task Scan_GitExecutableInTheCurrentFolder_IsNotRun()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix process lookup");
        using var repo = new TempGitRepo();
        using var outside = new TempDirectory();
        var marker = Path.Combine(outside.Path, "planted-git-ran");
        var realGit = GitRunner.ResolveGit(Environment.GetEnvironmentVariable("PATH"));
        Assert.NotNull(realGit);
        WriteScript(Path.Combine(repo.Path, "git"), $"#!/bin/sh\necho ran > '{marker}'\nexec '{realGit}' \"$@\"\n");
        repo.Write("app.py", "import os\n");
        repo.Commit("init with a planted git");

        // The CLI as a separate process whose current folder is the checkout, with relative and empty PATH entries.
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = repo.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(typeof(CliApplication).Assembly.Location);
        info.ArgumentList.Add("scan");
        info.Environment["PATH"] = ".::bin:" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.False(File.Exists(marker), "the scan ran ./git from the scanned checkout");
        Assert.True(process.ExitCode == ExitCodes.Ok, await error);
        Assert.Contains("No Cloudinary secrets found in 2 file(s)", await output, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveGit_UsesOnlyAbsoluteEntriesWithAnExecutableRegularFile()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions");
        using var dir = new TempDirectory();
        string Folder(string name) => Directory.CreateDirectory(Path.Combine(dir.Path, name)).FullName;
        File.WriteAllText(Path.Combine(Folder("plain"), "git"), "not executable");   // no x bit
        Directory.CreateDirectory(Path.Combine(Folder("folder"), "git"));            // a directory named git
        WriteScript(Path.Combine(Folder("relative"), "git"), "#!/bin/sh\n");
        var good = Path.Combine(Folder("good"), "git");
        WriteScript(good, "#!/bin/sh\n");

        var path = string.Join(':', "", ".", "relative", Path.Combine(dir.Path, "plain"), Path.Combine(dir.Path, "folder"), Path.Combine(dir.Path, "good"));

        Assert.Equal(good, GitRunner.ResolveGit(path));
        Assert.Null(GitRunner.ResolveGit(string.Join(':', "", ".", "relative", Path.Combine(dir.Path, "plain"))));
        Assert.Null(GitRunner.ResolveGit(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--staged")]
    [InlineData("--history")]
    public async Task Scan_FsmonitorInTheScannedRepositoryConfig_IsNotRun(string mode)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "shell script hook");
        using var repo = new TempGitRepo();
        using var outside = new TempDirectory();
        var marker = Path.Combine(outside.Path, "fsmonitor-ran");
        var hook = Path.Combine(outside.Path, "fsmonitor.sh");
        WriteScript(hook, $"#!/bin/sh\necho ran >> '{marker}'\n");
        repo.Write("app.py", "import os\n");
        repo.Commit("init");
        repo.Write("new.py", "import sys\n");
        repo.Git("add", "new.py");
        repo.Git("config", "core.fsmonitor", hook);

        var result = await ScanCli.RunAsync(repo.Path, mode.Length == 0 ? [] : [mode]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.False(File.Exists(marker), "git ran the scanned repository's core.fsmonitor command");
    }

    internal static void WriteScript(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string DotnetHost()
    {
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet root>/dotnet
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        Assert.True(File.Exists(host), $"dotnet host not found at {host}");
        return host;
    }
}
