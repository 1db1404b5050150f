using System.Text;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>Issue 11 item 3: matching is linear in the line length, and <c>--history</c> has the file size limit.</summary>
public sealed class LongLineTests
{
    private const string Secret = "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3";
    private const string OtherSecret = "Hy6Np3QvT8kXm2RcL5wZsB9jDf7";
    private const int LineChars = 2 * 1024 * 1024;

    // Not a timing assertion: a linear scan of these 2 MB takes well under a second even on a loaded machine, while
    // the quadratic matcher needed minutes to hours for each shape; the guard only turns a regression into a failure.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    public static TheoryData<string, string, bool> PathologicalLines => new()
    {
        { "apisecret repeated", Repeat("apisecret"), false },
        { "api_secret then spaces", "api_secret" + new string(' ', LineChars) + "x", false },
        { "quoted name then spaces", "\"Cloudinary__ApiSecret\"" + new string(' ', LineChars) + "x", false },
        { "identifier run ending in api_secret, repeated", Repeat("x_api_secret_"), false },
        { "cloud_name repeated (--verify context)", Repeat("cloud_name"), true },
        { "api_key then tabs (--verify context)", "api_key" + new string('\t', LineChars) + "x", true },
        { "new Account( then spaces", "new Account(" + new string(' ', LineChars) + "x", false },
        { "indented, then many unquoted values", new string(' ', LineChars / 2) + "x " + Repeat("api_secret=abcdefgh1 ", LineChars / 2), false },
        { "long dotted lead, then many unquoted values", Repeat("a.", LineChars / 2) + " " + Repeat("api_secret=abcdefgh1 ", LineChars / 2), false },
    };

    [Theory]
    [MemberData(nameof(PathologicalLines))]
    public async Task Scan_TwoMegabytePathologicalLine_CompletesAndStillFindsTheNextLine(string shape, string line, bool verify)
    {
        using var dir = new TempDirectory();
        var next = verify ? "# nothing to verify\n" : $"CLOUDINARY_API_SECRET={Secret}\n";
        dir.WriteFile("long.env", line + "\n" + next);
        string[] args = verify ? ["--verify"] : [];

        var result = await Task.Run(() => ScanCli.RunAsync(dir.Path, args), TestContext.Current.CancellationToken)
            .WaitAsync(Guard, TestContext.Current.CancellationToken);

        Assert.True(result.Output.Contains("in 1 file(s)", StringComparison.Ordinal), shape + ": " + result.Output);
        if (verify)
        {
            Assert.Equal(ExitCodes.Ok, result.ExitCode);
        }
        else
        {
            Assert.Equal(["long.env:2:1: CLD002 ApiSecretAssignment [high] CLOUDINARY_API_SECRET=Tq****g3"], ScanCommandTests.FindingLines(result.Output));
        }
    }

    [Fact]
    public async Task History_FileDiffLargerThanMaxFileSize_IsSkippedAsTooLarge()
    {
        using var repo = new TempGitRepo();
        repo.Write("small.env", $"CLOUDINARY_API_SECRET={Secret}\n");
        var big = new StringBuilder($"CLOUDINARY_API_SECRET={OtherSecret}\n");
        while (big.Length < 40_000)
        {
            big.Append("# padding padding padding padding padding padding padding padding\n");
        }

        repo.Write("big.env", big.ToString());
        repo.Commit("two files");
        repo.Write("one-line.env", $"CLOUDINARY_API_SECRET={OtherSecret} " + new string('#', 40_000) + "\n");
        repo.Commit("a long line");

        var result = await ScanCli.RunAsync(repo.Path, "--history", "--max-file-size", "0.02");

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.Equal(["small.env:1:1: CLD002 ApiSecretAssignment [high] CLOUDINARY_API_SECRET=Tq****g3"], [.. ScanCommandTests.FindingLines(result.Output).Select(l => l[..l.IndexOf(" (commit", StringComparison.Ordinal)])]);
        Assert.Contains("2 too large", result.Output, StringComparison.Ordinal);
    }

    private static string Repeat(string unit, int chars = LineChars) => new StringBuilder(chars + unit.Length).Insert(0, unit, chars / unit.Length).ToString();
}
