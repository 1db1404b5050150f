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
    public void Corpus_PrecisionAndRecall_AtLeast95Percent()
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var samples = DetectionCorpus.Positives.Concat(DetectionCorpus.Negatives).ToList();
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            var found = ScanLines(sample.Render(DetectionCorpus.Secrets[i % DetectionCorpus.Secrets.Length], DetectionCorpus.ApiKey), out _);
            var expected = sample.ExpectedLines();
            truePositives += found.Count(expected.Contains);
            falsePositives += found.Count(l => !expected.Contains(l));
            falseNegatives += expected.Count(l => !found.Contains(l));
        }

        var precision = truePositives / (double)(truePositives + falsePositives);
        var recall = truePositives / (double)(truePositives + falseNegatives);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"corpus: {DetectionCorpus.Positives.Count} positive and {DetectionCorpus.Negatives.Count} look-alike files; "
            + $"TP {truePositives}, FP {falsePositives}, FN {falseNegatives}; precision {precision:0.000}, recall {recall:0.000}");
        Assert.True(truePositives >= 40, $"only {truePositives} secret lines in the corpus");
        Assert.True(precision >= 0.95, $"precision {precision:0.000}");
        Assert.True(recall >= 0.95, $"recall {recall:0.000}");
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
