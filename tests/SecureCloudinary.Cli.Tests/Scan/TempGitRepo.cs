using System.Diagnostics;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>A temp folder with <c>git init</c>, a local identity and helpers.</summary>
internal sealed class TempGitRepo : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TempGitRepo()
    {
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Scan Test");
        Git("config", "user.email", "scan@example.invalid");
        Git("config", "commit.gpgsign", "false");
        Git("config", "core.hooksPath", ".git/hooks");
    }

    public string Path => _directory.Path;

    public void Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error}");
        return output.Trim();
    }

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--no-verify", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    public void Dispose() => _directory.Dispose();
}
