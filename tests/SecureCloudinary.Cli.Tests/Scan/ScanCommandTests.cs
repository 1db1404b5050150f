using System.Text.Json;
using SecureCloudinary.Cli.Scan;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

public sealed class ScanCommandTests
{
    private const string Secret = "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3";
    private const string OtherSecret = "Hy6Np3QvT8kXm2RcL5wZsB9jDf7";
    private static readonly string SecretLine = $"cloudinary.config(cloud_name=\"demo\", api_key=\"614335564976464\", api_secret=\"{Secret}\")\n";

    [Fact]
    public async Task Scan_CleanFolder_ExitsZero()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("app.py", "api_secret = os.environ['CLOUDINARY_API_SECRET']  # cloudinary\n");

        var result = await ScanCli.RunAsync(dir.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("No Cloudinary secrets found in 1 file(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_Secret_ExitsOneWithFileLineColumnRuleConfidenceAndMaskedMatch()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("app.py", "import cloudinary\n\n" + SecretLine);

        var result = await ScanCli.RunAsync(dir.Path);

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.StartsWith("app.py:3:65: CLD002 ApiSecretAssignment [high] api_secret=\"Tq****g3\"\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Found 1 Cloudinary secret(s) (1 high, 0 medium, 0 low confidence) in 1 file(s)", result.Output, StringComparison.Ordinal);
        ScanCli.AssertNoSecret(result.AllText, Secret);
    }

    [Fact]
    public async Task Scan_SingleFilePath_ScansThatFile()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a.py", SecretLine);
        dir.WriteFile("b.py", SecretLine);

        var result = await ScanCli.RunAsync(dir.Path, "b.py");

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.Contains("b.py:1:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("a.py", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-folder")]
    [InlineData("--format", "xml")]
    [InlineData("--max-file-size", "0")]
    [InlineData("--staged", "--history")]
    [InlineData("--baseline", "no-such-baseline.json")]
    [InlineData("--no-such-option")]
    public async Task Scan_UsageError_ExitsTwo(params string[] args)
    {
        using var dir = new TempDirectory();
        dir.WriteFile("app.py", SecretLine);

        var result = await ScanCli.RunAsync(dir.Path, args);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Error);
    }

    [Theory]
    [InlineData("--staged")]
    [InlineData("--history")]
    [InlineData("--install-hook")]
    public async Task Scan_GitModeOutsideRepository_ExitsTwo(string mode)
    {
        using var dir = new TempDirectory();

        var result = await ScanCli.RunAsync(dir.Path, mode);

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("not inside a git work tree", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_IgnoreComments_SuppressSameAndNextLine()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("fixture.py", $"""
            import cloudinary
            cloudinary.config(api_secret="{Secret}")  # secure-cloudinary:ignore revoked test key
            # secure-cloudinary:ignore-next-line
            URL = "cloudinary://614335564976464:{Secret}@demo"
            cloudinary.config(api_secret="{OtherSecret}")
            """);

        var result = await ScanCli.RunAsync(dir.Path);

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        var findings = FindingLines(result.Output);
        Assert.Equal(["fixture.py:5:19: CLD002 ApiSecretAssignment [high] api_secret=\"Hy****f7\""], findings);
    }

    [Fact]
    public async Task Scan_Baseline_AcceptsKnownFindingsButNotNewOnes()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("app.py", SecretLine);

        var write = await ScanCli.RunAsync(dir.Path, ".", "--write-baseline", "baseline.json");
        Assert.Equal(ExitCodes.Ok, write.ExitCode);
        var baselineText = File.ReadAllText(Path.Combine(dir.Path, "baseline.json"));
        ScanCli.AssertNoSecret(baselineText, Secret);
        using (var json = JsonDocument.Parse(baselineText))
        {
            var item = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal(Finding.ComputeFingerprint("CLD002", "app.py", Secret), item.GetProperty("fingerprint").GetString());
        }

        var accepted = await ScanCli.RunAsync(dir.Path, ".", "--baseline", "baseline.json");
        Assert.Equal(ExitCodes.Ok, accepted.ExitCode);
        Assert.Contains("1 accepted by the baseline", accepted.Output, StringComparison.Ordinal);

        // The same secret moved down a line is still accepted; a rotated secret is new.
        dir.WriteFile("app.py", "import cloudinary\n" + SecretLine + SecretLine.Replace(Secret, OtherSecret, StringComparison.Ordinal));
        var changed = await ScanCli.RunAsync(dir.Path, ".", "--baseline", "baseline.json");
        Assert.Equal(ExitCodes.SecretsFound, changed.ExitCode);
        Assert.Equal(["app.py:3:"], FindingLines(changed.Output).Select(l => l[..9]));
    }

    [Fact]
    public async Task Scan_Sarif_HasSarif210ShapeWithMaskedSnippetAndFingerprint()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "src"));
        dir.WriteFile("src/app.py", "import cloudinary\n" + SecretLine);

        var result = await ScanCli.RunAsync(dir.Path, "--format", "sarif");

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("secure-cloudinary", driver.GetProperty("name").GetString());
        Assert.Equal(["CLD001", "CLD002", "CLD003"], driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var sarifResult = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("CLD002", sarifResult.GetProperty("ruleId").GetString());
        Assert.Equal(1, sarifResult.GetProperty("ruleIndex").GetInt32());
        Assert.Equal("error", sarifResult.GetProperty("level").GetString());
        var location = Assert.Single(sarifResult.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
        Assert.Equal("src/app.py", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(2, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(65, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal("api_secret=\"Tq****g3\"", location.GetProperty("region").GetProperty("snippet").GetProperty("text").GetString());
        Assert.Equal(
            Finding.ComputeFingerprint("CLD002", "src/app.py", Secret),
            sarifResult.GetProperty("partialFingerprints").GetProperty(SarifWriter.FingerprintKey).GetString());
        Assert.Equal("high", sarifResult.GetProperty("properties").GetProperty("confidence").GetString());
        Assert.Contains("Found 1", result.Error, StringComparison.Ordinal);
        ScanCli.AssertNoSecret(result.AllText, Secret);
    }

    [Fact]
    public async Task Scan_EmptyFolderSarif_HasEmptyResults()
    {
        using var dir = new TempDirectory();

        var result = await ScanCli.RunAsync(dir.Path, "--format", "sarif");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(0, json.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Scan_BinaryAndOversizedFiles_AreSkippedAndCounted()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(Path.Combine(dir.Path, "image.bin"), [.. "PNG\0\0"u8, .. System.Text.Encoding.UTF8.GetBytes(SecretLine)]);
        dir.WriteFile("big.py", SecretLine + new string('#', 3000) + "\n");
        dir.WriteFile("small.py", "x = 1\n");

        var result = await ScanCli.RunAsync(dir.Path, "--max-file-size", "0.002");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("in 1 file(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("skipped 1 binary, 1 too large, 0 unreadable", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_FolderOutsideGit_HonoursGitignoreFiles()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".gitignore", "# build output\n*.log\n/dist/\nsecrets/*\n!secrets/keep.py\n");
        foreach (var folder in new[] { "dist", "secrets", "src/dist", "node" })
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, folder));
        }

        dir.WriteFile("debug.log", SecretLine);
        dir.WriteFile("dist/app.py", SecretLine);
        dir.WriteFile("secrets/drop.py", SecretLine);
        dir.WriteFile("secrets/keep.py", SecretLine);
        dir.WriteFile("src/dist/app.py", SecretLine);     // "/dist/" is anchored to the root
        dir.WriteFile("node/.gitignore", "vendor.js\n");
        dir.WriteFile("node/vendor.js", SecretLine);
        dir.WriteFile("node/app.js", SecretLine);

        var result = await ScanCli.RunAsync(dir.Path);

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.Equal(["node/app.js", "secrets/keep.py", "src/dist/app.py"], FindingLines(result.Output).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task Scan_GitWorkTree_UsesGitIgnoreRulesIncludingUntrackedFiles()
    {
        using var repo = new TempGitRepo();
        repo.Write(".gitignore", "ignored/\n");
        repo.Write("ignored/app.py", SecretLine);
        repo.Write("tracked.py", SecretLine);
        repo.Commit("init");
        repo.Write("untracked.py", SecretLine);

        var result = await ScanCli.RunAsync(repo.Path);

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        Assert.Equal(["tracked.py", "untracked.py"], FindingLines(result.Output).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task Scan_MinConfidence_FiltersEntropyPoorFindings()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".env", "CLOUDINARY_API_SECRET=prodprodprodkey\n");

        var low = await ScanCli.RunAsync(dir.Path);
        var high = await ScanCli.RunAsync(dir.Path, "--min-confidence", "high");

        Assert.Equal(ExitCodes.SecretsFound, low.ExitCode);
        Assert.Contains("[low]", low.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, high.ExitCode);
        Assert.Contains("1 below --min-confidence", high.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_LongFileWithSecretsAcrossBlockBoundaries_ReportsExactLineNumbers()
    {
        using var dir = new TempDirectory();
        var lines = new List<string>();
        var expected = new List<int>();
        for (var i = 1; i <= 20_000; i++)
        {
            if (i % 1999 == 0)
            {
                lines.Add("# secure-cloudinary:ignore-next-line");
                lines.Add($"CLOUDINARY_API_SECRET={Secret}");
                i++;
            }
            else if (i % 997 == 0)
            {
                lines.Add($"CLOUDINARY_API_SECRET={Secret}");
                expected.Add(i);
            }
            else
            {
                lines.Add($"line {i} with some filler text to cross 64 KiB blocks ...............");
            }
        }

        dir.WriteFile("big.env", string.Join("\r\n", lines));

        var result = await ScanCli.RunAsync(dir.Path);

        Assert.Equal(expected.Select(l => $"big.env:{l}:1"), FindingLines(result.Output).Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)]));
    }

    internal static List<string> FindingLines(string output) =>
        [.. output.Split('\n').Where(l => l.Contains(": CLD", StringComparison.Ordinal))];
}
