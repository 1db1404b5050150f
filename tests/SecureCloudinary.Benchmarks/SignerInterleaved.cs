using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecureCloudinary.Benchmarks;

/// <summary>
/// <c>signer-interleaved</c>: the <see cref="SignerBenchmarks"/> cases timed in alternation (a batch of each, round after
/// round) instead of one case after another, so a change in the machine's load hits every case alike. On a shared machine
/// BenchmarkDotNet's ratio moves with the load between cases; the ratios of the low percentiles here do not.
/// </summary>
internal static class SignerInterleaved
{
    private const string Secret = "A1b2C3d4E5f6G7h8I9j0K1l2M3n";

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        const int PerBatch = 2000;
        KeyValuePair<string, string?>[] array =
        [
            new("timestamp", "1700000000"),
            new("public_id", "folder/my image"),
            new("tags", "summer,sale"),
            new("overwrite", "1"),
            new("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop"),
            new("notification_url", "https://hooks.example.org/cloudinary?a=1&b=2"),
        ];
        var dictionary = array.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var toSign = string.Join('&', array
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value!.Replace("&", "%26", StringComparison.Ordinal)));
        var bytes = Encoding.UTF8.GetBytes(toSign + Secret);
        var hash = new byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // Cloudinary's protocol defines SHA-1 signatures.
        using var reused = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        if (CloudinarySigner.SignParameters(array, Secret) != Convert.ToHexStringLower(SHA1.HashData(bytes)))
        {
            throw new InvalidOperationException("The baseline does not hash the signer's string to sign.");
        }

        (string Name, Action Call)[] cases =
        [
            ("BareSha1OfStringToSign", () => SHA1.HashData(bytes, hash)),
            ("ReusedSha1ContextOfStringToSign", () =>
            {
                reused.AppendData(bytes);
                reused.GetHashAndReset(hash);
            }),
            ("SignSixParametersArray", () => CloudinarySigner.SignParameters(array, Secret)),
            ("SignSixParametersDictionary", () => CloudinarySigner.SignParameters(dictionary, Secret)),
        ];
#pragma warning restore CA5350
        var times = cases.Select(_ => new List<double>(rounds)).ToArray();
        var stopwatch = new Stopwatch();
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var call = cases[c].Call;
                stopwatch.Restart();
                for (var i = 0; i < PerBatch; i++)
                {
                    call();
                }

                times[c].Add(stopwatch.Elapsed.TotalNanoseconds / PerBatch);
            }
        }

        // The first rounds run while the JIT is still tiering up.
        var sorted = times.Select(t => t.Skip(Math.Min(20, rounds / 10)).Order().ToArray()).ToArray();
        double P(int c, double q) => sorted[c][(int)(q * (sorted[c].Length - 1))];
        Console.WriteLine($"{rounds} rounds of {PerBatch} calls per case, interleaved; ns per call; ratio = case / {cases[0].Name}");
        Console.WriteLine($"{"Case",-32} {"p10",9} {"median",9} {"ratio p10",10} {"ratio median",13}");
        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{cases[c].Name,-32} {P(c, 0.1),9:F1} {P(c, 0.5),9:F1} {P(c, 0.1) / P(0, 0.1),10:F2} {P(c, 0.5) / P(0, 0.5),13:F2}"));
        }

        return 0;
    }
}
