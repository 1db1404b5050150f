using SecureCloudinary.Cli.Scan;

namespace SecureCloudinary.Cli.Tests.Scan;

public sealed class SecretHeuristicsTests
{
    [Theory]
    [InlineData("Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3", "High")]      // Cloudinary-shaped random
    [InlineData("da39a3ee5e6b4b0d3255bfef95601890afd80709", "High")] // random hex still looks secret
    [InlineData("prodkey2019x", "Medium")]                    // short
    [InlineData("prodprodprodkey", "Low")]                    // entropy-poor
    public void Assess_SecretShapedValues_GradedByEntropy(string value, string expected) =>
        Assert.Equal(Enum.Parse<Confidence>(expected), SecretHeuristics.Assess(value));

    [Theory]
    [InlineData("your_api_secret")]
    [InlineData("<api_secret>")]
    [InlineData("${CLOUDINARY_API_SECRET}")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("%s")]
    [InlineData("abcdefghijklmnopqrstuvwxyz")]
    [InlineData("1234567890123456")]
    [InlineData("CLOUDINARY_API_SECRET")]
    [InlineData("short")]
    [InlineData("process.env.SECRET")]
    public void Assess_Placeholders_AreNotSecrets(string value) => Assert.Null(SecretHeuristics.Assess(value));

    [Fact]
    public void MaskSecret_KeepsAtMostTwoCharactersEachSideWithFixedLength()
    {
        Assert.Equal("Tq****g3", SecretMasker.MaskSecret("Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3"));
        Assert.Equal("ab****yz", SecretMasker.MaskSecret("ab345678901234yz"));
        Assert.Equal("********", SecretMasker.MaskSecret("abcdefghijklmno"));
        Assert.Equal("***6464", SecretMasker.MaskApiKey("614335564976464"));
    }

    [Fact]
    public void Fingerprint_DependsOnRulePathAndSecret_AndDoesNotContainIt()
    {
        var a = Finding.ComputeFingerprint("CLD002", "a.py", "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3");

        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.NotEqual(a, Finding.ComputeFingerprint("CLD001", "a.py", "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3"));
        Assert.NotEqual(a, Finding.ComputeFingerprint("CLD002", "b.py", "Tq5Wm8ZkR2xVn7LpB4sHcJ9dFg3"));
        Assert.NotEqual(a, Finding.ComputeFingerprint("CLD002", "a.py", "Hy6Np3QvT8kXm2RcL5wZsB9jDf7"));
    }
}
