using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>
/// Every output of <c>scan</c> (text, SARIF, baseline file, verify lines, history, staged) over the whole corpus
/// must not contain any 5-character piece of any planted secret.
/// </summary>
public sealed class ScanNoSecretLeakTests
{
    public static TheoryData<string> Modes() => ["text", "sarif", "write-baseline", "verify", "staged", "history", "min-high"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Scan_EveryOutputMode_NeverPrintsAnySecret(string mode)
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        using var repo = new TempGitRepo();
        var samples = DetectionCorpus.Positives.Concat(DetectionCorpus.Negatives).ToList();
        for (var i = 0; i < samples.Count; i++)
        {
            repo.Write(Path.Combine(samples[i].Name, samples[i].FileName), samples[i].Render(DetectionCorpus.Secrets[i % DetectionCorpus.Secrets.Length], DetectionCorpus.ApiKey));
        }

        if (mode == "history")
        {
            repo.Commit("corpus");
        }
        else if (mode == "staged")
        {
            repo.Git("add", "-A");
        }

        string[] args = mode switch
        {
            "sarif" => ["--format", "sarif"],
            "write-baseline" => ["--write-baseline", "baseline.json"],
            "verify" => ["--verify"],
            "staged" => ["--staged"],
            "history" => ["--history"],
            "min-high" => ["--min-confidence", "high"],
            _ => [],
        };

        var result = await ScanCli.RunAsync(repo.Path, fixture.Emulator.BaseAddress, args);

        var everything = result.AllText;
        if (mode == "write-baseline")
        {
            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            everything += File.ReadAllText(Path.Combine(repo.Path, "baseline.json"));
        }
        else
        {
            Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
            Assert.True(ScanCommandTests.FindingLines(result.Output).Count >= (mode == "min-high" ? 35 : 40) || mode == "sarif", result.Output);
        }

        ScanCli.AssertNoSecret(everything, DetectionCorpus.Secrets);
    }
}
