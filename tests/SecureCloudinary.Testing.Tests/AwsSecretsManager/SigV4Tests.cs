using System.Text;
using SecureCloudinary.Testing.AwsSecretsManager.Internal;

namespace SecureCloudinary.Testing.Tests.AwsSecretsManager;

/// <summary>The emulator's own SigV4 implementation against the official suite vectors (protocol notes §2.3).</summary>
public sealed class SigV4Tests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Date = "20150830T123600Z";
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string StsToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    public static TheoryData<string, string, string, string, string, string, string> Vectors => new()
    {
        // name, method, headers (name:value;...), body, service, string-to-sign hash, signature
        { "get-vanilla", "GET", "host:example.amazonaws.com|x-amz-date:" + Date, "", "service",
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "post-vanilla", "POST", "host:example.amazonaws.com|x-amz-date:" + Date, "", "service",
            "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "post-x-www-form-urlencoded (botocore)", "POST", "content-type:application/x-www-form-urlencoded|host:example.amazonaws.com|x-amz-date:" + Date, "Param1=value1", "service",
            "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
        { "post-x-www-form-urlencoded (aws-c-auth)", "POST", "content-length:13|content-type:application/x-www-form-urlencoded|host:example.amazonaws.com|x-amz-content-sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e|x-amz-date:" + Date, "Param1=value1", "service",
            "b1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb", "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b" },
        { "get-vanilla-with-session-token", "GET", "host:example.amazonaws.com|x-amz-date:" + Date + "|x-amz-security-token:6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267", "", "service",
            "067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b", "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8" },
        { "post-sts-header-before", "POST", "host:example.amazonaws.com|x-amz-date:" + Date + "|x-amz-security-token:" + StsToken, "", "service",
            "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead" },
        { "secretsmanager GetSecretValue (a)", "POST", "content-type:application/x-amz-json-1.1|host:secretsmanager.us-east-1.amazonaws.com|x-amz-content-sha256:95c3f5e5fd5b3e557fee69d3d4e83ec4e63375d04d7f5dcaef9372ee8a5e3e01|x-amz-date:" + Date + "|x-amz-target:secretsmanager.GetSecretValue", """{"SecretId":"prod/cloudinary"}""", "secretsmanager",
            "cacfe839b42b6cfb7061d452b65947eb666a7ffcc74d486a286ba2851a28f811", "66c57cfe0b1cd3adac097f1b2c2b09ca13c9cbe435a10e8bcbe7f9079ca7019f" },
        { "secretsmanager GetSecretValue (b)", "POST", "content-type:application/x-amz-json-1.1|host:secretsmanager.us-east-1.amazonaws.com|x-amz-date:" + Date + "|x-amz-target:secretsmanager.GetSecretValue", """{"SecretId":"prod/cloudinary"}""", "secretsmanager",
            "141287c80eed659db9f265cf61d9e0ae35dbf8f53b3214ebb38c0df424fc24d0", "1116b78563b75a88468d275681b2ff078951b545433c9b483a6b75fb851464f8" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signature_SuiteVector_Matches(string name, string method, string headers, string body, string service, string stringToSignHash, string signature)
    {
        var pairs = headers.Split('|').Select(h => (Name: h[..h.IndexOf(':', StringComparison.Ordinal)], Value: h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..])).ToArray();
        var signed = pairs.Select(p => p.Name).ToArray();

        var canonical = SigV4.CanonicalRequest(method, "/", "", n => pairs.Single(p => p.Name == n).Value, signed, SigV4.HexSha256(Encoding.UTF8.GetBytes(body)));
        var scope = SigV4.Scope("20150830", "us-east-1", service);
        var stringToSign = SigV4.StringToSign(Date, scope, canonical);

        Assert.Equal(stringToSignHash, stringToSign.Split('\n')[3]);
        Assert.Equal(signature, SigV4.Signature(SigV4.SigningKey(Secret, "20150830", "us-east-1", service), stringToSign));
        Assert.NotEmpty(name);
    }

    [Fact]
    public void CanonicalRequest_GetVanilla_IsTheSuiteText()
    {
        var canonical = SigV4.CanonicalRequest("GET", "/", "", n => n == "host" ? "example.amazonaws.com" : Date, ["host", "x-amz-date"], EmptyHash);

        Assert.Equal($"GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:{Date}\n\nhost;x-amz-date\n{EmptyHash}", canonical);
    }

    [Theory]
    [InlineData("  a   b  c ", "a b c")]
    [InlineData("value", "value")]
    public void CanonicalHeaderValue_TrimsAndCollapsesSpaces(string raw, string expected) =>
        Assert.Equal(expected, SigV4.CanonicalHeaderValue(raw));

    [Theory]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("Param2=value2&Param1=value1", "Param1=value1&Param2=value2")]
    [InlineData("a=%20x&a=b", "a=%20x&a=b")]
    [InlineData("", "")]
    public void CanonicalQuery_SortsAndEncodes(string raw, string expected) => Assert.Equal(expected, SigV4.CanonicalQuery(raw));
}
