using SecureCloudinary.Cli.Scan;
using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

public sealed class DetectionCorpusTests
{
    public static TheoryData<string> PositiveNames() => [.. DetectionCorpus.Positives.Select(s => s.Name)];

    public static TheoryData<string> NegativeNames() => [.. DetectionCorpus.Negatives.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(PositiveNames))]
    public void Scan_TruePositive_FoundOnTheSecretLines(string name)
    {
        var index = IndexOf(DetectionCorpus.Positives, name);
        var sample = DetectionCorpus.Positives[index];
        var secret = DetectionCorpus.Secrets[index % DetectionCorpus.Secrets.Length];

        var found = ScanLines(sample.Render(secret, DetectionCorpus.ApiKey), out var matches);

        Assert.Equal(sample.ExpectedLines(), found);
        Assert.All(matches, m => Assert.Equal(secret, m.Secret));
        Assert.All(matches, m => Assert.DoesNotContain(secret, m.MaskedText, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NegativeNames))]
    public void Scan_LookAlike_NotReported(string name)
    {
        var sample = DetectionCorpus.Negatives[IndexOf(DetectionCorpus.Negatives, name)];

        var found = ScanLines(sample.Render(DetectionCorpus.Secrets[0], DetectionCorpus.ApiKey), out _);

        Assert.Empty(found);
    }

    [Fact]
    public void Corpus_HasEnoughSecretLinesAndLookAlikes()
    {
        // The per-sample tests above require every sample to be exact (100% precision and recall on the corpus);
        // this guards the corpus itself, so that deleting samples cannot make those tests pass vacuously.
        var secretLines = DetectionCorpus.Positives.Sum(s => s.ExpectedLines().Count);

        Assert.True(secretLines >= 40, $"only {secretLines} secret lines in the corpus");
        Assert.True(DetectionCorpus.Negatives.Count >= 20, $"only {DetectionCorpus.Negatives.Count} look-alike files in the corpus");
        Assert.All(DetectionCorpus.Negatives, s => Assert.Empty(s.ExpectedLines()));
    }

    [Fact]
    public async Task Scan_CorpusFolderThroughCli_ReportsEveryPositiveFileAndNeverTheSecret()
    {
        using var dir = new TempDirectory();
        var samples = DetectionCorpus.Positives.Concat(DetectionCorpus.Negatives).ToList();
        for (var i = 0; i < samples.Count; i++)
        {
            var folder = Path.Combine(dir.Path, samples[i].Name);
            var file = Path.Combine(folder, samples[i].FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, samples[i].Render(DetectionCorpus.Secrets[i % DetectionCorpus.Secrets.Length], DetectionCorpus.ApiKey));
        }

        var result = await ScanCli.RunAsync(dir.Path, ".");

        Assert.Equal(ExitCodes.SecretsFound, result.ExitCode);
        var reportedFolders = result.Output.Split('\n').Where(l => l.Contains(": CLD", StringComparison.Ordinal)).Select(l => l[..l.IndexOf('/', StringComparison.Ordinal)]).ToHashSet();
        Assert.Equal(DetectionCorpus.Positives.Select(p => p.Name).ToHashSet(), reportedFolders);
        ScanCli.AssertNoSecret(result.AllText, DetectionCorpus.Secrets);
        Assert.Contains($"in {samples.Count} file(s)", result.Output, StringComparison.Ordinal);
    }

    internal static HashSet<int> ScanLines(string content, out List<LineMatch> matches)
    {
        var scanner = new ContentScanner(maxBytes: 1 << 20, collectContext: false);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));
        var result = scanner.Scan(stream);
        matches = [.. result.Matches.Select(m => m.Match)];
        return [.. result.Matches.Select(m => m.Line)];
    }

    private static int IndexOf(IReadOnlyList<CorpusSample> samples, string name)
    {
        for (var i = 0; i < samples.Count; i++)
        {
            if (samples[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException(name);
    }
}
