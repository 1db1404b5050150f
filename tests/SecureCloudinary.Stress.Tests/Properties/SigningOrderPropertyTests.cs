using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace SecureCloudinary.Stress.Tests.Properties;

/// <summary>
/// Complements SignerTests.SignParameters_ShuffledInput_SameSignature (SHA-1, version 2, arrays): every
/// algorithm and signature version, dictionaries, blank values anywhere, and the client's browser signature.
/// </summary>
public sealed class SigningOrderPropertyTests
{
    private static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyz_"].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<string?> Value = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Const<string?>(""),
        PropertyGens.Awkward.Select(v => (string?)v),
        PropertyGens.Unicode.Select(v => (string?)v));

    private static readonly Gen<KeyValuePair<string, string?>[]> Parameters =
        Gen.Select(Name, Value).Array[0, 12].Select(ps => ps
            .DistinctBy(p => p.Item1, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2))
            .ToArray());

    [Fact]
    public void SignParameters_AnyOrderAlgorithmAndVersion_SameSignature() =>
        Gen.Select(Parameters, PropertyGens.Part, Gen.OneOf(Gen.Const(SignatureAlgorithm.Sha1), Gen.Const(SignatureAlgorithm.Sha256)), Gen.Int[1, 2], Gen.Int)
            .Sample((parameters, secret, algorithm, version, seed) =>
            {
                var shuffled = parameters.ToArray();
                new Random(seed).Shuffle(shuffled);
                var expected = CloudinarySigner.SignParameters(parameters, secret, algorithm, version);

                Assert.Equal(expected, CloudinarySigner.SignParameters(shuffled, secret, algorithm, version));
                Assert.Equal(expected, CloudinarySigner.SignParameters(shuffled.ToDictionary(p => p.Key, p => p.Value), secret, algorithm, version));
                Assert.Equal(expected, CloudinarySigner.SignParameters(shuffled.Reverse().ToList(), secret, algorithm, version));
            }, iter: 2_000);

    [Fact]
    public void SignParameters_BlankValuesAdded_SameSignature() =>
        Gen.Select(Parameters, PropertyGens.Part, Gen.Int).Sample((parameters, secret, seed) =>
        {
            // Blank values are not signed, wherever they appear.
            var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).ToArray();
            var shuffled = parameters.ToArray();
            new Random(seed).Shuffle(shuffled);

            Assert.Equal(CloudinarySigner.SignParameters(present, secret), CloudinarySigner.SignParameters(shuffled, secret));
        }, iter: 1_000);

    [Fact]
    public void CreateUploadSignatureAsync_ShuffledParameters_SameSignature() =>
        Gen.Select(Parameters, Gen.Int).Sample((parameters, seed) =>
        {
            var credentials = new CloudinaryCredentials("demo", "123456789012345", PropertyGens.Sentinel);
            using var http = new HttpClient();
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var client = new CloudinaryClient(http, new FixedProvider(credentials), null, time);
            var ct = TestContext.Current.CancellationToken;
            var shuffled = parameters.Where(p => p.Key != "timestamp").ToArray();
            var original = shuffled.ToArray();
            new Random(seed).Shuffle(shuffled);

            var a = client.CreateUploadSignatureAsync(original, ct).AsTask().GetAwaiter().GetResult();
            var b = client.CreateUploadSignatureAsync(shuffled, ct).AsTask().GetAwaiter().GetResult();

            Assert.Equal(a.Signature, b.Signature);
            Assert.DoesNotContain(PropertyGens.Sentinel, a.ToString(), StringComparison.Ordinal);
        }, iter: 500);

    private sealed class FixedProvider(CloudinaryCredentials credentials) : ICloudinaryCredentialProvider
    {
        public string SourceName => "Fixed";

        public ValueTask<CredentialSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new CredentialSnapshot(credentials));
    }
}
