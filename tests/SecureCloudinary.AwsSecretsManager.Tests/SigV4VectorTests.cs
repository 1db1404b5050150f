using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Time.Testing;
using SecureCloudinary.AwsSecretsManager.Internal;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>
/// The official SigV4 suite vectors (aws-c-auth format, which signs x-amz-content-sha256 as AWSSDK.Core does) and the
/// derived Secrets Manager vectors from the protocol notes, through the signer the client uses.
/// </summary>
public sealed class SigV4VectorTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);
    private static readonly byte[] GetSecretValueBody = Encoding.UTF8.GetBytes("""{"SecretId":"prod/cloudinary"}""");

    [Fact]
    public void Sign_PostFormUrlEncodedSuiteVector_MatchesV3b()
    {
        var request = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = new Uri("https://example.amazonaws.com/"),
            Content = Encoding.UTF8.GetBytes("Param1=value1"),
        };
        request.Headers["Content-Type"] = "application/x-www-form-urlencoded";
        request.Headers["Content-Length"] = "13";

        var result = AWSSigV4Signer.Sign(request, Parameters("service"));

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, "
            + "Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b",
            result.Headers["Authorization"]);
    }

    [Theory]
    [InlineData("https://secretsmanager.us-east-1.amazonaws.com/", "66c57cfe0b1cd3adac097f1b2c2b09ca13c9cbe435a10e8bcbe7f9079ca7019f")]
    [InlineData("http://127.0.0.1:4566/", "5e3cad446ee9192ee7a8c16348bceb48b8ba0ca863ac3ece55e97bcf7a9d99d1")]
    public async Task CreateSignedRequest_GetSecretValueVector_MatchesV6(string serviceUrl, string signature)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(SignedAt));
        var client = new SecretsManagerClient(() => AwsTestKit.Http, new AwsEndpoint(new Uri(serviceUrl), RegionEndpoint.USEast1), time, 65536);

        using var request = await client.CreateSignedRequestAsync(
            new BasicAWSCredentials(AccessKey, SecretKey), SecretsManagerClient.GetSecretValueTarget, GetSecretValueBody, TestContext.Current.CancellationToken);

        var authorization = string.Join(",", request.Headers.GetValues("Authorization"));
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/secretsmanager/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=" + signature,
            authorization);
        Assert.Equal("20150830T123600Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("95c3f5e5fd5b3e557fee69d3d4e83ec4e63375d04d7f5dcaef9372ee8a5e3e01", request.Headers.GetValues("X-Amz-Content-SHA256").Single());
        Assert.Equal("secretsmanager.GetSecretValue", request.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("application/x-amz-json-1.1", request.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task CreateSignedRequest_SessionCredentials_SignsTheSecurityToken()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(SignedAt));
        var client = new SecretsManagerClient(() => AwsTestKit.Http, new AwsEndpoint(new Uri("https://secretsmanager.us-east-1.amazonaws.com/"), RegionEndpoint.USEast1), time, 65536);

        using var request = await client.CreateSignedRequestAsync(
            new SessionAWSCredentials(AccessKey, SecretKey, "session-token-value"), SecretsManagerClient.GetSecretValueTarget, GetSecretValueBody, TestContext.Current.CancellationToken);

        Assert.Equal("session-token-value", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Contains("x-amz-security-token", string.Join(",", request.Headers.GetValues("Authorization")), StringComparison.Ordinal);
    }

    [Fact]
    public void GetSecretValueBody_OnlySecretId_IsTheVectorBody()
    {
        Assert.Equal(GetSecretValueBody, SecretsManagerClient.GetSecretValueBody("prod/cloudinary", null, null));
        Assert.Equal(
            """{"SecretId":"a","VersionId":"v","VersionStage":"AWSPREVIOUS"}""",
            Encoding.UTF8.GetString(SecretsManagerClient.GetSecretValueBody("a", "v", "AWSPREVIOUS")));
    }

    private static AWSSigV4Parameters Parameters(string service) => new()
    {
        Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
        Region = RegionEndpoint.USEast1,
        Service = service,
        SignedAt = SignedAt,
    };
}
