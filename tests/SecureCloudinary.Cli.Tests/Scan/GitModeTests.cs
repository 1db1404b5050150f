using SecureCloudinary.Cli.Scan;

namespace SecureCloudinary.Cli.Tests.Scan;

public sealed class GitModeTests
{
    private const string Secret = "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3";
    private const string OtherSecret = "Hy6Np3QvT8kXm2RcL5wZsB9jDf7";

    [Fact]
    public async Task Staged_ReportsOnlyStagedContent()
    {
        using var repo = new TempGitRepo();
        repo.Write("README.md", "# app\n");
        repo.Commit("init");

        // staged has a secret that the working copy no longer has; the unstaged file is ignored
        repo.Write("config/app.env", $"CLOUDINARY_API_SECRET={Secret}\n");
        repo.Git("add", "config/app.env");
        repo.Write("config/app.env", "CLOUDINARY_API_SECRET=\n");
        repo.Write("unstaged.env", $"CLOUDINARY_API_SECRET={OtherSecret}\n");

        var result = await ScanCli.RunAsync(repo.Path, "--staged");

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.Equal(["config/app.env:1:1: CLD002 ApiSecretAssignment [high] CLOUDINARY_API_SECRET=Tq****g3"], ScanCommandTests.FindingLines(result.Output));
        Assert.Contains("in 1 staged file(s)", result.Output, StringComparison.Ordinal);
        ScanCli.AssertNoSecret(result.AllText, Secret, OtherSecret);
    }

    [Fact]
    public async Task Staged_NothingSecretStaged_ExitsZeroFromASubfolder()
    {
        using var repo = new TempGitRepo();
        repo.Write("src/app.py", "import cloudinary\ncloudinary.config(api_secret=os.environ['S'])\n");
        repo.Git("add", "-A");
        repo.Write("src/leak.py", $"api_secret = \"{Secret}\"  # cloudinary\n"); // untracked, not staged

        var result = await ScanCli.RunAsync(Path.Combine(repo.Path, "src"), "--staged");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("No Cloudinary secrets found in 1 staged file(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_FindsSecretRemovedFromTheWorkingTree_WithCommitAndLine()
    {
        using var repo = new TempGitRepo();
        repo.Write("app.py", "import cloudinary\n");
        repo.Commit("init");
        repo.Write("app.py", $"import cloudinary\n\ncloudinary.config(cloud_name=\"demo\", api_key=\"614335564976464\", api_secret=\"{Secret}\")\n");
        var leaking = repo.Commit("add config");
        repo.Write("app.py", "import cloudinary\n\ncloudinary.config(api_secret=os.environ['CLOUDINARY_API_SECRET'])\n");
        repo.Commit("remove secret");
        repo.Git("checkout", "-q", "-b", "side", "HEAD~2");
        repo.Write("other.env", $"CLOUDINARY_URL=cloudinary://614335564976464:{OtherSecret}@demo\n");
        repo.Commit("unreachable from main");
        repo.Git("checkout", "-q", "main");

        var files = await ScanCli.RunAsync(repo.Path);
        var history = await ScanCli.RunAsync(repo.Path, "--history");
        var sarif = await ScanCli.RunAsync(repo.Path, "--history", "--format", "sarif");

        Assert.Equal(ExitCodes.Ok, files.ExitCode);
        Assert.Equal(ExitCodes.SecretsFound, history.ExitCode);
        Assert.Equal(
            [$"app.py:3:65: CLD002 ApiSecretAssignment [high] api_secret=\"Tq****g3\" (commit {leaking[..12]})"],
            ScanCommandTests.FindingLines(history.Output));
        Assert.Contains("3 commit(s)", history.Output, StringComparison.Ordinal);
        Assert.Contains($"\"commit\": \"{leaking}\"", sarif.Output, StringComparison.Ordinal);
        ScanCli.AssertNoSecret(history.AllText + sarif.AllText, Secret, OtherSecret);
    }

    [Fact]
    public async Task History_EmptyRepository_ExitsTwo()
    {
        using var repo = new TempGitRepo();

        var result = await ScanCli.RunAsync(repo.Path, "--history");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
    }

    [Fact]
    public async Task InstallHook_WritesExecutablePreCommitHook_AndRefusesForeignHookWithoutForce()
    {
        using var repo = new TempGitRepo();
        var hook = Path.Combine(repo.Path, ".git", "hooks", "pre-commit");

        var installed = await ScanCli.RunAsync(repo.Path, "--install-hook");
        var again = await ScanCli.RunAsync(repo.Path, "--install-hook");

        Assert.Equal(ExitCodes.Ok, installed.ExitCode);
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        var script = File.ReadAllText(hook);
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains(" scan --staged\n", script, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(hook).HasFlag(UnixFileMode.UserExecute));
        }

        File.WriteAllText(hook, "#!/bin/sh\nnpm test\n");
        var refused = await ScanCli.RunAsync(repo.Path, "--install-hook");
        Assert.Equal(ExitCodes.ConfigurationError, refused.ExitCode);
        Assert.Equal("#!/bin/sh\nnpm test\n", File.ReadAllText(hook));

        var forced = await ScanCli.RunAsync(repo.Path, "--install-hook", "--force");
        Assert.Equal(ExitCodes.Ok, forced.ExitCode);
        Assert.Contains(HookInstaller.Marker, File.ReadAllText(hook), StringComparison.Ordinal);
    }
}
