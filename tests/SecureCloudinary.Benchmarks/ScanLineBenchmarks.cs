using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SecureCloudinary.Cli.Scan;

namespace SecureCloudinary.Benchmarks;

/// <summary>
/// The leak scanner on 2 MB of content held in memory (no disk): ordinary source lines (2 in 10 hit the prefilter)
/// against a single 2 MB line built to make a backtracking matcher quadratic (issue 11). Linear matching shows as
/// MB/s of the same order for every shape.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ScanLineBenchmarks
{
    private const int ContentBytes = 2 * 1024 * 1024;

    private readonly ContentScanner _scanner = new(maxBytes: 5 * 1024 * 1024, collectContext: false);
    private byte[] _content = [];

    /// <summary>The shape of the content.</summary>
    [Params("OrdinaryText", "ApiSecretRepeated", "ApiSecretThenSpaces", "CloudinaryUrlRepeated")]
    public string Shape { get; set; } = "OrdinaryText";

    [GlobalSetup]
    public void Setup()
    {
        var text = Shape switch
        {
            "OrdinaryText" => OrdinaryText(),
            "ApiSecretRepeated" => Repeat("apisecret") + "\n",                                  // every "api" is a candidate
            "ApiSecretThenSpaces" => "api_secret" + new string(' ', ContentBytes - 12) + "x\n", // one name, then 2 MB of blanks
            _ => Repeat("cloudinary://1:" + new string('a', 100)) + "\n",                      // URL prefixes without '@'
        };
        _content = Encoding.UTF8.GetBytes(text);
        if (_scanner.Scan(new MemoryStream(_content)).Skipped is not null)
        {
            throw new InvalidOperationException("the content was skipped instead of scanned");
        }
    }

    [Benchmark]
    public int Scan2MB() => _scanner.Scan(new MemoryStream(_content, writable: false)).Matches.Count;

    private static string OrdinaryText()
    {
        var random = new Random(42);
        var sb = new StringBuilder(ContentBytes + 200);
        while (sb.Length < ContentBytes)
        {
            sb.Append(ScanThroughput.Lines[random.Next(ScanThroughput.Lines.Length)]).Append('\n');
        }

        return sb.ToString(0, ContentBytes - 1) + "\n";
    }

    private static string Repeat(string unit) => new StringBuilder(ContentBytes).Insert(0, unit, (ContentBytes - 1) / unit.Length).ToString();

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn(ContentBytes));
    }
}
