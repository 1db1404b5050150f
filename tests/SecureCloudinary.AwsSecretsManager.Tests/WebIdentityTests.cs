namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>
/// Issue 12 item 5: EKS IRSA (<c>AWS_WEB_IDENTITY_TOKEN_FILE</c> + <c>AWS_ROLE_ARN</c>) works with no extra package,
/// end to end through the SDK's default chain against the emulator's STS endpoint.
/// </summary>
[Collection(nameof(SerialProcessEnvironment))]
public sealed class WebIdentityTests : EmulatorTestBase
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/cloudinary-reader";
    private const string OidcToken = "eyJhbGciOiJSUzI1NiJ9.emulated-service-account-token.sig";

    [Fact]
    public async Task GetCredentials_IrsaEnvironment_AssumesTheRoleAtStsAndSignsWithTheIssuedCredentials()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.EnableWebIdentity(RoleArn, OidcToken);
        using var home = new AwsEnvironmentKit();
        var tokenFile = home.Write("token", OidcToken);
        using var env = Irsa(home, tokenFile);

        var snapshot = await new AwsSecretsManagerCredentialSource(AwsTestKit.Options(Emulator, "s"), AwsTestKit.Http).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        var issued = Assert.Single(Emulator.IssuedAccessKeyIds);
        Assert.Equal(["AssumeRoleWithWebIdentity", "GetSecretValue"], Emulator.Requests.Select(r => r.Operation));
        Assert.Equal(issued, Emulator.Requests[1].AccessKeyId);
        Assert.Contains("x-amz-security-token", Emulator.Requests[1].SignedHeaders);
    }

    [Fact]
    public async Task GetCredentials_StsRejectsTheToken_ThrowsCredentialExceptionNamingTheIrsaVariables()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.EnableWebIdentity(RoleArn, "another-token");
        using var home = new AwsEnvironmentKit();
        var tokenFile = home.Write("token", OidcToken);
        using var env = Irsa(home, tokenFile);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await new AwsSecretsManagerCredentialSource(AwsTestKit.Options(Emulator, "s"), AwsTestKit.Http).GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("AWS_WEB_IDENTITY_TOKEN_FILE", e.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ROLE_ARN", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OidcToken, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Emulator.Requests, r => r.Operation == "GetSecretValue");
    }

    [Fact]
    public async Task GetCredentials_TokenFileMissing_ThrowsCredentialExceptionNamingTheVariable()
    {
        using var home = new AwsEnvironmentKit();
        using var env = Irsa(home, Path.Combine(home.Home, "no-such-token"));

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await new AwsSecretsManagerCredentialSource(AwsTestKit.Options(Emulator, "s"), AwsTestKit.Http).GetCredentialsAsync(Ct));

        Assert.Contains("AWS_WEB_IDENTITY_TOKEN_FILE", e.Message, StringComparison.Ordinal);
    }

    private ProcessEnvironment Irsa(AwsEnvironmentKit home, string tokenFile) => new(
        ("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile),
        ("AWS_ROLE_ARN", RoleArn),
        ("AWS_ROLE_SESSION_NAME", "secure-cloudinary-test"),
        ("AWS_ENDPOINT_URL_STS", Emulator.BaseAddress.ToString()),
        ("AWS_REGION", Emulator.Region),
        ("AWS_ACCESS_KEY_ID", null),
        ("AWS_SECRET_ACCESS_KEY", null),
        ("AWS_SESSION_TOKEN", null),
        ("AWS_PROFILE", null),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_CONFIG_FILE", Path.Combine(home.Home, ".aws", "config")),
        ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(home.Home, ".aws", "credentials")));
}
