namespace SecureCloudinary.Tests.Model;

/// <summary>Fixed vectors from shared/protocols/cloudinary.md §2.2 (T1–T6, T9) and §8.1 (E1–E8).</summary>
public sealed class SignerFixedVectorTests
{
    private const string DocsSecret = "hdcixPpR2iKERPwqvH6sHdK9cyac";
    private const string ESecret = "S3cr3t-XyZ_123";

    [Fact]
    public void SignParameters_T1_DotnetTestSign() =>
        Assert.Equal("c3470533147774275dd37996cc4d0e68fd03cd4f", Sign("abcd", ("public_id", "sample"), ("timestamp", "1315060510")));

    [Fact]
    public void SignParameters_T2_Sha1WithCloudName() =>
        Assert.Equal("14c00ba6d0dfdedbc86b316847d95b9e6cd46d94", CloudinarySigner.SignParameters(T2Parameters(), DocsSecret));

    [Fact]
    public void SignParameters_T3_Sha256WithCloudName() =>
        Assert.Equal(
            "45ddaa4fa01f0c2826f32f669d2e4514faf275fe6df053f1a150e7beae58a3bd",
            CloudinarySigner.SignParameters(T2Parameters(), DocsSecret, SignatureAlgorithm.Sha256));

    [Fact]
    public void SignParameters_T4_Version2EscapesAmpersand() =>
        Assert.Equal("4fdf465dd89451cc1ed8ec5b3e314e8a51695704", CloudinarySigner.SignParameters(T4Parameters(), DocsSecret));

    [Fact]
    public void SignParameters_T5_SmuggledParameterSignedSeparately() =>
        Assert.Equal(
            "7b4e3a539ff1fa6e6700c41b3a2ee77586a025f9",
            Sign(DocsSecret, ("cloud_name", "dn6ot3ged"), ("timestamp", "1568810420"), ("notification_url", "https://fake.com/callback?a=1"), ("tags", "hello,world")));

    [Fact]
    public void SignParameters_T4Version1_EqualsSmuggledT5()
    {
        // The attack signature version 2 prevents: with v1, a value holding '&' signs like two parameters.
        var v1 = CloudinarySigner.SignParameters(T4Parameters(), DocsSecret, SignatureAlgorithm.Sha1, signatureVersion: 1);
        Assert.Equal("7b4e3a539ff1fa6e6700c41b3a2ee77586a025f9", v1);
    }

    [Fact]
    public void SignParameters_T6_FolderPublicId() =>
        Assert.Equal("7a3349cbb373e4812118d625047ede50b90e7b67", Sign("b", ("public_id", "folder/file"), ("version", "1234")));

    [Fact]
    public void SignParameters_T9_DocsEagerExample() =>
        Assert.Equal(
            "bfd09f95f331f558cbd1320e67aa8d488770583e",
            Sign("abcd", ("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop"), ("public_id", "sample_image"), ("timestamp", "1315060510")));

    [Fact]
    public void SignParameters_E1_Sha1() =>
        Assert.Equal("c3470533147774275dd37996cc4d0e68fd03cd4f", Sign("abcd", ("timestamp", "1315060510"), ("public_id", "sample")));

    [Fact]
    public void SignParameters_E2_Sha256() =>
        Assert.Equal(
            "0d4fe14b2b4a3f68a97ccc5097c43908b623d24293c296826a9390c14d891509",
            CloudinarySigner.SignParameters(Pairs(("timestamp", "1315060510"), ("public_id", "sample")), "abcd", SignatureAlgorithm.Sha256));

    [Fact]
    public void SignParameters_E3_TypicalUpload_DropsEmptyKeepsZero() =>
        Assert.Equal(
            "0a65a6b49089315e5d6da9820a1a4aa55bd09077",
            Sign(
                ESecret,
                ("timestamp", "1700000000"),
                ("public_id", "folder/my image"),
                ("tags", string.Join(',', "a", "b", "c")),
                ("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop"),
                ("eager_async", "1"),
                ("overwrite", "0"),
                ("invalidate", "true"),
                ("folder", "")));

    [Fact]
    public void SignParameters_E4_Version1() =>
        Assert.Equal(
            "ed3c2698c86fc57530edf2643aeea0962679793e",
            CloudinarySigner.SignParameters(EHookParameters(), ESecret, SignatureAlgorithm.Sha1, signatureVersion: 1));

    [Fact]
    public void SignParameters_E5_Version2() =>
        Assert.Equal("dfa840deadf417f2aeb81215cc7a981521a40bab", CloudinarySigner.SignParameters(EHookParameters(), ESecret));

    [Fact]
    public void SignParameters_E6_Sha256Version2() =>
        Assert.Equal(
            "76f783b55cc09eff5c3e03cd99ae11c65b7097bddf7d375915c505b04ae4eae7",
            CloudinarySigner.SignParameters(EHookParameters(), ESecret, SignatureAlgorithm.Sha256, 2));

    [Fact]
    public void SignParameters_E7_NonAsciiHashedAsUtf8() =>
        Assert.Equal(
            "16cb7e560c384aab023f40535c301ea716f495e7",
            Sign(ESecret, ("timestamp", "1700000000"), ("public_id", "x"), ("context", "alt=Café ☕|caption=naïve")));

    [Fact]
    public void SignParameters_E8_EmptyStringAndNullDropped() =>
        Assert.Equal(
            "84b5780ad42bd0a0487d4da1747f5100adc73625",
            Sign("abcd", ("timestamp", "1700000000"), ("public_id", "x"), ("folder", ""), ("tags", null)));

    [Fact]
    public void SignParameters_KeysDifferingFromIcuOrder_SortsOrdinally()
    {
        // Node sorts with localeCompare (a_b before a1, §8.1 E9); we sort ordinally on purpose (a1 before a_b).
        var expected = TestDigests.Sha1Hex("a1=x&a_b=y&timestamp=1s");
        var signature = Sign("s", ("a_b", "y"), ("a1", "x"), ("timestamp", "1"));
        Assert.Equal(expected, signature);
        Assert.NotEqual("5963f93c90d33fbef17c75ca8bc5703a8d03d3c8", signature);
    }

    private static KeyValuePair<string, string?>[] T2Parameters() =>
        Pairs(("cloud_name", "dn6ot3ged"), ("timestamp", "1568810420"), ("username", "user@cloudinary.com"));

    private static KeyValuePair<string, string?>[] T4Parameters() =>
        Pairs(("cloud_name", "dn6ot3ged"), ("timestamp", "1568810420"), ("notification_url", "https://fake.com/callback?a=1&tags=hello,world"));

    private static KeyValuePair<string, string?>[] EHookParameters() =>
        Pairs(("timestamp", "1700000000"), ("notification_url", "https://example.com/hook?a=1&b=2"), ("public_id", "x"));

    private static string Sign(string secret, params (string Key, string? Value)[] parameters) =>
        CloudinarySigner.SignParameters(Pairs(parameters), secret);

    private static KeyValuePair<string, string?>[] Pairs(params (string Key, string? Value)[] parameters) =>
        [.. parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))];
}
