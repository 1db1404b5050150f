using System.Diagnostics;
using SecureCloudinary.Cli.Scan;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>Issue 13 item 3: the hook runs the tool that installed it, without needing it on PATH.</summary>
public sealed class HookInstallerTests
{
    private const string Secret = "Hk7pQ2xLm9Vt4RwZs8NcJ3bYfEa";

    [Fact]
    public async Task Hook_RunsTheInstallingToolByAbsolutePath_WithoutSecureCloudinaryOnPath()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The hook is a POSIX sh script.");
        }

        using var repo = new TempGitRepo();
        var tool = new ToolCommand([DotnetHost(), typeof(CliApplication).Assembly.Location]);
        var installed = await InstallAsync(repo.Path, tool);
        Assert.Equal(ExitCodes.Ok, installed.ExitCode);
        var hook = Path.Combine(repo.Path, ".git", "hooks", "pre-commit");
        var script = await File.ReadAllTextAsync(hook, TestContext.Current.CancellationToken);
        Assert.Contains($"exec '{tool.Arguments[0]}' '{tool.Arguments[1]}' scan --staged\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("exec secure-cloudinary", script, StringComparison.Ordinal);

        repo.Write("clean.txt", "nothing to see\n");
        repo.Git("add", "clean.txt");
        var clean = await RunHookAsync(repo.Path, hook);
        Assert.Equal(0, clean.ExitCode);

        repo.Write("leak.env", $"CLOUDINARY_API_SECRET={Secret}\n");
        repo.Git("add", "leak.env");
        var blocked = await RunHookAsync(repo.Path, hook);
        Assert.Equal(ExitCodes.SecretsFound, blocked.ExitCode);
        Assert.Contains("leak.env:1:1: CLD002", blocked.Output, StringComparison.Ordinal);
        ScanCli.AssertNoSecret(blocked.Output, Secret);
    }

    [Fact]
    public async Task Hook_ToolGone_SaysHowToReinstall()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The hook is a POSIX sh script.");
        }

        using var repo = new TempGitRepo();
        var gone = Path.Combine(repo.Path, "gone", "secure-cloudinary");
        await InstallAsync(repo.Path, new ToolCommand([gone]));
        repo.Write("clean.txt", "x\n");
        repo.Git("add", "clean.txt");

        var result = await RunHookAsync(repo.Path, Path.Combine(repo.Path, ".git", "hooks", "pre-commit"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{gone} no longer exists", result.Output, StringComparison.Ordinal);
        Assert.Contains("dotnet tool install --global SecureCloudinary.Cli", result.Output, StringComparison.Ordinal);
        Assert.Contains("scan --install-hook --force", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_QuotesPathsForSh()
    {
        var script = HookInstaller.Script(new ToolCommand(["/opt/it's here/secure-cloudinary"]), localManifest: false);

        Assert.Contains("exec '/opt/it'\\''s here/secure-cloudinary' scan --staged\n", script, StringComparison.Ordinal);
        Assert.StartsWith("#!/bin/sh\n" + HookInstaller.Marker + "\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_ToolFromTheLocalManifest_RunsThroughDotnetToolRun()
    {
        using var repo = new TempGitRepo();
        repo.Write(".config/dotnet-tools.json", """{ "version": 1, "isRoot": true, "tools": { "securecloudinary.cli": { "version": "1.0.0", "commands": ["secure-cloudinary"] } } }""");
        var tool = new ToolCommand(["/usr/bin/dotnet", "/home/dev/.nuget/packages/securecloudinary.cli/1.0.0/tools/net10.0/any/SecureCloudinary.Cli.dll"]);

        await InstallAsync(repo.Path, tool);

        var script = await File.ReadAllTextAsync(Path.Combine(repo.Path, ".git", "hooks", "pre-commit"), TestContext.Current.CancellationToken);
        Assert.Contains("exec dotnet tool run secure-cloudinary scan --staged\n", script, StringComparison.Ordinal);
        Assert.Contains("dotnet tool restore", script, StringComparison.Ordinal);
    }

    private static async Task<TestSupport.CliResult> InstallAsync(string repo, ToolCommand tool)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, new Dictionary<string, string?>(), repo) { ToolCommand = tool };
        var exitCode = await CliApplication.RunAsync(["scan", "--install-hook"], context, TestContext.Current.CancellationToken);
        return new TestSupport.CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the hook as git would, with a PATH that has git and sh but no secure-cloudinary.</summary>
    private static async Task<TestSupport.CliResult> RunHookAsync(string repo, string hook)
    {
        var info = new ProcessStartInfo("/bin/sh", [hook]) { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["PATH"] = string.Join(':', new[] { "/usr/bin", "/bin" }.Concat(GitDirectory()).Distinct(StringComparer.Ordinal));
        info.Environment.Remove("DOTNET_ROOT");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new TestSupport.CliResult(process.ExitCode, await output + await error, string.Empty);
    }

    private static IEnumerable<string> GitDirectory() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Where(d => d.Length > 0 && Path.IsPathRooted(d) && File.Exists(Path.Combine(d, "git")))
            .Take(1);

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            var candidate = Path.Combine(directory, "dotnet");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new InvalidOperationException("No dotnet host found on PATH.");
    }
}
