using System.Globalization;
using CsCheck;

namespace SecureCloudinary.Tests.Model;

public sealed class SignerTests
{
    private static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyz_"].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<string> Value = Gen.Char["abcXYZ019 ,|/:=?&%é☕_-"].Array[0, 20].Select(c => new string(c));

    private static readonly Gen<string> Secret = Gen.Char.AlphaNumeric.Array[1, 30].Select(c => new string(c));

    // Distinct names: a parameter set as the upload path builds it.
    private static readonly Gen<KeyValuePair<string, string?>[]> Parameters =
        Gen.Select(Name, Value).Array[0, 10].Select(ps => ps
            .DistinctBy(p => p.Item1, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2))
            .ToArray());

    [Fact]
    public void SignParameters_NullParameters_ThrowsNamingParameter() =>
        Assert.Throws<ArgumentNullException>("parameters", () => CloudinarySigner.SignParameters(null!, "s"));

    [Fact]
    public void SignParameters_NullSecret_ThrowsNamingSecret() =>
        Assert.Throws<ArgumentNullException>("apiSecret", () => CloudinarySigner.SignParameters([], null!));

    [Fact]
    public void SignParameters_UnknownAlgorithm_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("algorithm", () => CloudinarySigner.SignParameters([], "s", (SignatureAlgorithm)7));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void SignParameters_UnsupportedVersion_Throws(int version) =>
        Assert.Throws<ArgumentOutOfRangeException>("signatureVersion", () => CloudinarySigner.SignParameters([], "s", SignatureAlgorithm.Sha1, version));

    [Fact]
    public void SignParameters_EmptyName_ThrowsWithoutSecret()
    {
        var error = Assert.Throws<ArgumentException>(
            "parameters", () => CloudinarySigner.SignParameters([new("", "v"), new("a", "b")], "SENTINEL-SECRET-4242"));
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> Shapes() => ["array", "list", "small-dictionary", "large-dictionary", "sequence"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SignParameters_InvalidNameWithEmptyValue_ThrowsWhateverTheCollection(string shape)
    {
        var pairs = new List<KeyValuePair<string, string?>> { new("a b", ""), new("timestamp", "1") };
        if (shape == "large-dictionary")
        {
            pairs.AddRange(Enumerable.Range(0, 20).Select(i => new KeyValuePair<string, string?>("p" + i.ToString(CultureInfo.InvariantCulture), "v")));
        }

        IEnumerable<KeyValuePair<string, string?>> parameters = shape switch
        {
            "array" => pairs.ToArray(),
            "list" => pairs,
            "sequence" => pairs.Where(_ => true),
            _ => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };

        Assert.Throws<ArgumentException>("parameters", () => CloudinarySigner.SignParameters(parameters, "s"));
    }

    [Fact]
    public void SignParameters_EmptyAndNullValuedEntries_AreIgnoredEvenWithEmptyName() =>
        Assert.Equal(
            CloudinarySigner.SignParameters([new("a", "1")], "s"),
            CloudinarySigner.SignParameters([new("a", "1"), new("b", ""), new("c", null)], "s"));

    [Fact]
    public void SignParameters_DifferentCollectionShapes_GiveSameSignature()
    {
        KeyValuePair<string, string?>[] array = [new("timestamp", "1"), new("public_id", "x"), new("folder", "")];
        var expected = CloudinarySigner.SignParameters(array, "s");
        Assert.Equal(expected, CloudinarySigner.SignParameters(array.ToList(), "s"));
        Assert.Equal(expected, CloudinarySigner.SignParameters(array.ToDictionary(p => p.Key, p => p.Value), "s"));
        Assert.Equal(expected, CloudinarySigner.SignParameters(array.Where(_ => true), "s"));
        Assert.Equal(expected, CloudinarySigner.SignParameters(new SortedList<string, string?>(array.ToDictionary()), "s"));
    }

    [Fact]
    public void SignParameters_ManyParameters_UsesPooledPathsCorrectly()
    {
        var many = Enumerable.Range(0, 200).Select(i => new KeyValuePair<string, string?>($"k{i:D3}", new string('v', 20)));
        var expected = TestDigests.Sha1Hex(string.Join('&', Enumerable.Range(0, 200).Select(i => $"k{i:D3}={new string('v', 20)}")) + "s");
        Assert.Equal(expected, CloudinarySigner.SignParameters(many, "s"));
    }

    [Fact]
    public void SignParameters_DuplicateNames_OrderIndependent() =>
        Assert.Equal(
            CloudinarySigner.SignParameters([new("tag", "a"), new("tag", "b")], "s"),
            CloudinarySigner.SignParameters([new("tag", "b"), new("tag", "a")], "s"));

    [Fact]
    public void SignParameters_AnyInput_IsLowerHexOfDigestLength() =>
        Gen.Select(Parameters, Secret, Gen.Bool).Sample((parameters, secret, sha256) =>
        {
            var signature = CloudinarySigner.SignParameters(parameters, secret, sha256 ? SignatureAlgorithm.Sha256 : SignatureAlgorithm.Sha1);
            Assert.Equal(sha256 ? 64 : 40, signature.Length);
            Assert.All(signature, c => Assert.True(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'));
        });

    [Fact]
    public void SignParameters_ShuffledInput_SameSignature() =>
        Gen.Select(Parameters, Secret, Gen.Int).Sample((parameters, secret, seed) =>
        {
            var shuffled = parameters.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(CloudinarySigner.SignParameters(parameters, secret), CloudinarySigner.SignParameters(shuffled, secret));
        });

    [Fact]
    public void SignParameters_NoAmpersandInValues_Version1EqualsVersion2() =>
        Gen.Select(Parameters, Secret).Sample((parameters, secret) =>
        {
            var clean = parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value?.Replace("&", "", StringComparison.Ordinal))).ToArray();
            Assert.Equal(
                CloudinarySigner.SignParameters(clean, secret, SignatureAlgorithm.Sha1, 1),
                CloudinarySigner.SignParameters(clean, secret, SignatureAlgorithm.Sha1, 2));
        });

    [Fact]
    public void SignParameters_AmpersandInValue_Version1DiffersFromVersion2() =>
        Assert.NotEqual(
            CloudinarySigner.SignParameters([new("a", "1&b=2")], "s", SignatureAlgorithm.Sha1, 1),
            CloudinarySigner.SignParameters([new("a", "1&b=2")], "s", SignatureAlgorithm.Sha1, 2));

    /// <summary>
    /// The signer reuses one hash context per thread and algorithm: calls from many threads, alternating SHA-1 and
    /// SHA-256 and long inputs (over the stack buffer) with short ones, must each equal an independent one-shot digest,
    /// so nothing of one call's input is carried into the next.
    /// </summary>
    [Fact]
    public void SignParameters_ManyThreadsAlternatingAlgorithmsAndLengths_EachMatchesAnIndependentDigest()
    {
        var failures = 0;
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var value = i % 3 == 0 ? new string((char)('a' + (i % 26)), 3_000 + i) : "v" + i;
            var secret = "secret" + (i % 7);
            var toSign = "n=" + i + "&value=" + value + secret;
            var algorithm = i % 2 == 0 ? SignatureAlgorithm.Sha1 : SignatureAlgorithm.Sha256;
            var expected = algorithm == SignatureAlgorithm.Sha1 ? TestDigests.Sha1Hex(toSign) : TestDigests.Sha256Hex(toSign);

            var actual = CloudinarySigner.SignParameters([new("value", value), new("n", i.ToString(CultureInfo.InvariantCulture))], secret, algorithm);

            if (actual != expected)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    /// <summary>Small dictionaries are copied to a stack buffer of 16, larger ones to a pooled array: both sign as the array.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void SignParameters_DictionaryAroundTheStackBufferSize_SameAsArray(int count)
    {
        var array = Enumerable.Range(0, count)
            .Select(i => new KeyValuePair<string, string?>("k" + (count - i).ToString("D2", CultureInfo.InvariantCulture), i % 5 == 4 ? "" : "v&" + i))
            .ToArray();

        Assert.Equal(
            CloudinarySigner.SignParameters(array, "s"),
            CloudinarySigner.SignParameters(array.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), "s"));
        Assert.Equal(
            TestDigests.Sha1Hex(string.Join('&', array.Where(p => p.Value != "").OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value!.Replace("&", "%26", StringComparison.Ordinal))) + "s"),
            CloudinarySigner.SignParameters(array.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), "s"));
    }
}
