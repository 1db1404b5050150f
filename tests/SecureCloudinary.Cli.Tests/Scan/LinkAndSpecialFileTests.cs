using System.Diagnostics;
using SecureCloudinary.Cli.Scan;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>Issue 11 item 2: links are not followed out of the scanned root; only regular files are opened.</summary>
public sealed class LinkAndSpecialFileTests
{
    private const string Secret = "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3";

    // Generous: a scan of these few files takes milliseconds; a regression blocks in open() forever.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Scan_LinkToAFileOutsideTheRoot_IsNotFollowed(bool gitWorkTree)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var outside = new TempDirectory();
        outside.WriteFile("creds.env", $"CLOUDINARY_URL=cloudinary://614335564976464:{Secret}@demo\n");
        using var root = new TempGitRepo();
        if (!gitWorkTree)
        {
            Directory.Delete(Path.Combine(root.Path, ".git"), recursive: true);
        }

        root.Write("app.py", "import cloudinary\n");
        File.CreateSymbolicLink(Path.Combine(root.Path, "innocent.txt"), Path.Combine(outside.Path, "creds.env"));
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "config"), outside.Path);
        if (gitWorkTree)
        {
            root.Commit("links out of the tree");
        }

        var result = await ScanCli.RunAsync(root.Path).WaitAsync(HangGuard, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Empty(ScanCommandTests.FindingLines(result.Output));
        ScanCli.AssertNoSecret(result.AllText, Secret);
    }

    [Fact]
    public async Task Scan_LinksToAFifoAndToStdin_AreSkippedWithoutHanging()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        using var outside = new TempDirectory();
        var fifo = Path.Combine(outside.Path, "pipe");
        MakeFifo(fifo);
        using var repo = new TempGitRepo();
        repo.Write("app.py", "import cloudinary\n");
        File.CreateSymbolicLink(Path.Combine(repo.Path, "fifo.env"), fifo);
        File.CreateSymbolicLink(Path.Combine(repo.Path, "stdin.env"), "/dev/stdin");
        repo.Commit("links to special files");

        var result = await GuardAgainstHangAsync(ScanCli.RunAsync(repo.Path), fifo);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("No Cloudinary secrets found in 1 file(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 links", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_FifoInAFolderOutsideGit_IsSkippedAsSpecialFile()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        using var dir = new TempDirectory();
        dir.WriteFile("app.py", "import cloudinary\n");
        var fifo = Path.Combine(dir.Path, "pipe.env");
        MakeFifo(fifo);

        var result = await GuardAgainstHangAsync(ScanCli.RunAsync(dir.Path), fifo);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("No Cloudinary secrets found in 1 file(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 special", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_TellsEveryKindApartWithoutFollowingLinks()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs and devices are a Unix thing");
        using var dir = new TempDirectory();
        dir.WriteFile("file.txt", "text");
        var fifo = Path.Combine(dir.Path, "pipe");
        MakeFifo(fifo);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "link"), Path.Combine(dir.Path, "file.txt"));

        Assert.Equal(FileKind.Regular, FileProbe.Probe(Path.Combine(dir.Path, "file.txt")));
        Assert.Equal(FileKind.Directory, FileProbe.Probe(dir.Path));
        Assert.Equal(FileKind.Link, FileProbe.Probe(Path.Combine(dir.Path, "link")));
        Assert.Equal(FileKind.Special, FileProbe.Probe(fifo));
        Assert.Equal(FileKind.Special, FileProbe.Probe("/dev/null"));
        Assert.Equal(FileKind.Missing, FileProbe.Probe(Path.Combine(dir.Path, "nothing")));
    }

    private static async Task<CliResult> GuardAgainstHangAsync(Task<CliResult> scan, string fifo)
    {
        try
        {
            return await scan.WaitAsync(HangGuard, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            // Unblock the reader stuck in open() so the regression fails instead of leaving a thread behind.
            await using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            Assert.Fail("the scan blocked on a FIFO");
            throw;
        }
    }

    private static void MakeFifo(string path)
    {
        var info = new ProcessStartInfo("mkfifo") { RedirectStandardError = true };
        info.ArgumentList.Add(path);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
